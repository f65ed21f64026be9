import { z } from 'zod';

/** A configuration value is missing or wrong. The service must not start. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from environment variables once, at boot. The schema's keys are the
 * variable names; each problem names its variable and what was expected, never the value (it may be a secret).
 * Nothing else in the code base reads `process.env`.
 */
export function loadEnvConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}

/** Reusable field schemas. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  csv: () =>
    z
      .string()
      .min(1)
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      ),
  url: () => z.url(),
  postgresUrl: () => z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL'),
  durationMs: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** Settings every service shares. */
export const commonEnvSchema = z.object({
  LOG_LEVEL: env.logLevel(),
  KAFKA_BROKERS: env.csv(),
  KAFKA_CLIENT_ID: z.string().optional(),
  /** Partitions for topics this service creates when they do not exist yet. */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(6),
  /** Partitions one replica handles at once (order within a partition is always kept). */
  KAFKA_CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(6),
});
