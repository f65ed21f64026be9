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

/** SASL mechanisms the Kafka client supports. */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** How a service connects to Kafka: TLS (with an optional CA bundle) and SASL. Secret: the SASL password. */
export const kafkaSecurityEnvShape = {
  /** Connect to the brokers over TLS. */
  KAFKA_SSL: env.bool(false),
  /** PEM file of the CA that signed the brokers' certificates (default: Node's trusted CAs). Needs KAFKA_SSL=true. */
  KAFKA_SSL_CA_FILE: z.string().min(1, 'expected a file path').optional(),
  /** SASL authentication; needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. */
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1, 'expected a user name').optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1, 'expected a password').optional(),
};

/** The parsed Kafka security variables. */
export interface KafkaSecurityEnv {
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string | undefined;
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
}

/** What `createKafkaClient` needs to connect securely. */
export interface KafkaSecurity {
  ssl: boolean;
  /** Read at client creation. */
  caFile?: string;
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

/** Settings that only make sense together, as `variable: problem` pairs (never a value). */
export function kafkaSecurityProblems(values: KafkaSecurityEnv): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  const mechanism = values.KAFKA_SASL_MECHANISM;
  if (mechanism !== undefined) {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (values[variable] === undefined)
        problems.push({ variable, message: `is required when KAFKA_SASL_MECHANISM=${mechanism}` });
    }
  } else {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (values[variable] !== undefined)
        problems.push({
          variable,
          message: 'is set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)',
        });
    }
  }
  if (values.KAFKA_SSL_CA_FILE !== undefined && !values.KAFKA_SSL)
    problems.push({ variable: 'KAFKA_SSL_CA_FILE', message: 'is set but KAFKA_SSL is not true' });
  return problems;
}

/** For a schema's `superRefine`: reports `kafkaSecurityProblems` as issues on the variables they name. */
export function refineKafkaSecurity(values: KafkaSecurityEnv, ctx: z.RefinementCtx): void {
  for (const { variable, message } of kafkaSecurityProblems(values))
    ctx.addIssue({ code: 'custom', path: [variable], message });
}

/** The Kafka security settings of parsed variables; throws `ConfigError` when they do not fit together. */
export function kafkaSecurityOf(values: KafkaSecurityEnv): KafkaSecurity {
  const problems = kafkaSecurityProblems(values);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${p.variable}: ${p.message}`));
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = values;
  return {
    ssl: values.KAFKA_SSL,
    ...(values.KAFKA_SSL_CA_FILE === undefined ? {} : { caFile: values.KAFKA_SSL_CA_FILE }),
    ...(mechanism === undefined || username === undefined || password === undefined
      ? {}
      : { sasl: { mechanism, username, password } }),
  };
}

/** Settings every service shares. */
export const commonEnvSchema = z
  .object({
    LOG_LEVEL: env.logLevel(),
    KAFKA_BROKERS: env.csv(),
    KAFKA_CLIENT_ID: z.string().optional(),
    /** Partitions for topics this service creates when they do not exist yet. */
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(6),
    /** Partitions one replica handles at once (order within a partition is always kept). */
    KAFKA_CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(6),
    ...kafkaSecurityEnvShape,
  })
  // Services extend this schema: the check carries over (but `extend` may then not redefine these keys).
  .superRefine(refineKafkaSecurity);
