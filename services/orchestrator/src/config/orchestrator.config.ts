import { z } from 'zod';
import { commonEnvSchema, env, loadEnvConfig } from '@patchbay/platform';
import { parseIsoDuration } from '@patchbay/wdl';

export const orchestratorEnvSchema = commonEnvSchema.extend({
  PATCHBAY_HTTP_PORT: env.port(8081),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Signing keys for callback URLs, newest first; the first one signs. Shared with trigger-ingestion. */
  PATCHBAY_WEBHOOK_SIGNING_KEY: env
    .csv()
    .pipe(z.array(z.string().min(16, 'each key needs at least 16 characters')).min(1)),
  /** Base URL of trigger-ingestion as callers see it; callback URLs start with it. */
  PATCHBAY_PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:8080'),
  /**
   * Keys that seal secure values in stored run state (AES-256-GCM): base64 of 32 random bytes each,
   * comma-separated, newest first. The first seals; all open. Keep an old key until no running run uses it.
   */
  PATCHBAY_RUN_STATE_KEYS: env.csv().pipe(
    z
      .array(
        z
          .string()
          .transform((text) => Buffer.from(text, 'base64'))
          .refine(
            (key) => key.length === 32,
            'each key must be base64 of 32 bytes (openssl rand -base64 32)',
          ),
      )
      .min(1),
  ),
  /**
   * Also publish `action.finished` on patchbay.run.event.v1 for every finished action (run.started and
   * run.finished are always published). Off by default: the run history API already has every action, and
   * each event is an outbox row and a Kafka message per action.
   */
  PATCHBAY_PUBLISH_ACTION_EVENTS: env.bool(false),
  /** How often the outbox relay and the timer scanner look for work that no in-process signal announced. */
  PATCHBAY_POLL_INTERVAL_MS: env.durationMs(500),
  /**
   * connection-store gRPC (`host:port`): where a connection's execution environment is looked up, so its action
   * requests go to that environment's topic. Unset: every request goes to the default environment.
   */
  CONNECTION_STORE_GRPC_URL: z
    .string()
    .regex(
      /^(dns:\/\/\/|ipv4:|ipv6:)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/,
      'expected host:port of connection-store gRPC, e.g. 127.0.0.1:9090',
    )
    .optional(),
  /** Upper bound of one GetConnectionRouting call (only on a cache miss). */
  CONNECTION_STORE_TIMEOUT_MS: env.durationMs(5_000),
  /**
   * Longest a run may take (ISO 8601 duration, like Logic Apps' run duration limit of 90 days): a run still
   * Running or Waiting after this is cancelled, and its run.finished frees its trigger's concurrency slot.
   */
  PATCHBAY_RUN_MAX_DURATION: z
    .string()
    .default('P90D')
    .transform((text, context) => {
      const ms = parseIsoDuration(text);
      if (ms === undefined || ms < 1_000) {
        context.addIssue({
          code: 'custom',
          message: 'expected an ISO 8601 duration of at least one second, e.g. P90D, P7D or PT1H',
        });
        return z.NEVER;
      }
      return ms;
    }),
});

export type OrchestratorConfig = z.infer<typeof orchestratorEnvSchema>;
export const ORCHESTRATOR_CONFIG = Symbol('ORCHESTRATOR_CONFIG');

export function loadOrchestratorConfig(): OrchestratorConfig {
  return loadEnvConfig(orchestratorEnvSchema);
}
