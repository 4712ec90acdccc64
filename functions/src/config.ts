// The backend's configuration, read from the environment and validated once at start-up.
import { z } from 'zod';

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… selects a PostgreSQL server; unset keeps the embedded engine in DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.data/pglite'),
  /** base64 of 32 random bytes; encrypts installation secrets at rest. */
  CREDENTIALS_KEY: z.string().optional(),
  ADMIN_TOKEN: z.string().min(16).optional(),
  CRON_SECRET: z.string().min(16).optional(),
  /** How often a long-running server looks for due jobs; 0 turns the in-process worker off. */
  WORKER_POLL_MS: z.coerce.number().int().min(0).default(1000),
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  LOG_QUIET: z.stringbool().default(false),
  /** The agent loop's model. Unset: no model, the deterministic path only. */
  OPENAI_API_KEY: z.string().optional(),
  /** Any OpenAI-compatible endpoint, up to and including /v1; the official API when unset. */
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4.1-mini'),
  /** Per attempt; a call may take (OPENAI_MAX_RETRIES + 1) times this plus backoff. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /** Retries of 429 / 5xx / timeouts / connection failures inside the adapter (the SDK's backoff). */
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** USD per million tokens; the defaults are gpt-4.1-mini's list prices — set both when changing OPENAI_MODEL. */
  OPENAI_PRICE_INPUT_PER_MTOK: z.coerce.number().nonnegative().default(0.4),
  OPENAI_PRICE_OUTPUT_PER_MTOK: z.coerce.number().nonnegative().default(1.6),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    throw new Error(`invalid configuration: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}
