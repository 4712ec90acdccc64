// Structured one-line JSON logs on stderr, readable by every platform's log collector.
import type { Logger } from '../../engine/EngineDeps.js';

export class JsonLogger implements Logger {
  constructor(private readonly quiet = false) {}
  private write(level: string, msg: string, data?: Record<string, unknown>) {
    if (this.quiet && level === 'info') return;
    process.stderr.write(`${JSON.stringify({ level, at: new Date().toISOString(), msg, ...data })}\n`);
  }
  info(msg: string, data?: Record<string, unknown>) {
    this.write('info', msg, data);
  }
  warn(msg: string, data?: Record<string, unknown>) {
    this.write('warn', msg, data);
  }
  error(msg: string, data?: Record<string, unknown>) {
    this.write('error', msg, data);
  }
}
