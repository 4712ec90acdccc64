// Wraps every connector call so it becomes an audit event: what was asked, what came back, how long.
import type { AuditEventDraft } from '../domain/audit.js';
import type { ConnectorError, SystemName } from '../domain/connectorError.js';
import type { Result } from '../domain/result.js';
import type { Clock } from '../ports/Clock.js';

export class ToolTrace {
  readonly events: AuditEventDraft[] = [];

  constructor(private readonly clock: Clock) {}

  async call<T>(
    system: SystemName,
    operation: string,
    input: Record<string, unknown>,
    run: () => Promise<Result<T, ConnectorError>>,
    summarize: (value: T) => Record<string, unknown> = () => ({}),
  ): Promise<Result<T, ConnectorError>> {
    const started = performance.now();
    const result = await run();
    this.events.push({
      type: 'tool.called',
      at: this.clock.now().toISOString(),
      actor: { kind: 'system', id: null },
      data: {
        system,
        operation,
        input,
        ok: result.ok,
        durationMs: Math.round(performance.now() - started),
        ...(result.ok ? { output: summarize(result.value) } : { error: result.error }),
      },
    });
    return result;
  }
}
