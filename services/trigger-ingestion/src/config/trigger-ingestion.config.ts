import { z } from 'zod';
import { egressEnvShape } from '@patchbay/egress';
import { commonEnvSchema, env, loadEnvConfig } from '@patchbay/platform';
import { parseRange } from '../webhooks/caller-address.js';

function isRange(text: string): boolean {
  try {
    parseRange(text);
    return true;
  } catch {
    return false;
  }
}

export const triggerIngestionEnvSchema = commonEnvSchema.extend({
  PATCHBAY_HTTP_PORT: env.port(8080),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Most due schedules one claim takes (one transaction, one produce request). */
  PATCHBAY_SCHEDULE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Pause of the schedule loop when nothing more is due. */
  PATCHBAY_SCHEDULE_TICK_MS: env.durationMs(200),
  /** Recurrence occurrences missed (downtime) by more than this are passed over; SlidingWindow always catches up. */
  PATCHBAY_RECURRENCE_CATCHUP_MS: env.durationMs(15 * 60_000),
  /** Consumer group the replicas share for poll answers and run events (one group per deployment). */
  PATCHBAY_CONSUMER_GROUP: z.string().min(1).default('trigger-ingestion'),
  /** Longest a poll may take in connector-runtime; a poll without an answer by then (+30 s) is replaced. */
  PATCHBAY_POLL_TIMEOUT_MS: env.durationMs(120_000),
  /** Wait before polling again after a failed poll; doubles with each failure in a row. */
  PATCHBAY_POLL_BACKOFF_MS: env.durationMs(5_000),
  /** Longest wait between polls of a failing trigger. */
  PATCHBAY_POLL_BACKOFF_MAX_MS: env.durationMs(300_000),
  /** A polled item's key is forgotten once no poll has returned the item for this long. */
  PATCHBAY_POLL_DEDUP_RETENTION_MS: env.durationMs(7 * 24 * 3_600_000),
  /**
   * connection-store gRPC (`host:port`): Kafka triggers resolve their connection there, and poll and webhook
   * subscription requests learn the execution environment their connection is pinned to (routed to its topic).
   * Unset: Kafka triggers cannot start and every request goes to the default environment.
   */
  CONNECTION_STORE_GRPC_URL: z.string().min(1).optional(),
  /** Deadline of one ResolveConnection or GetConnectionRouting call. */
  CONNECTION_STORE_TIMEOUT_MS: env.durationMs(5_000),
  /** Signing keys for callback URLs, newest first (comma-separated); older keys still verify during a rotation. */
  PATCHBAY_WEBHOOK_SIGNING_KEY: env
    .csv()
    .pipe(z.array(z.string().min(16, 'each key needs at least 16 characters')).min(1)),
  /** Largest accepted webhook body; larger calls get 413. */
  PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** How long a caller waits for a Response action before getting 504 (the run goes on). */
  PATCHBAY_RESPONSE_TIMEOUT_MS: env.durationMs(120_000),
  /** Base URL callers use to reach this service. */
  PATCHBAY_PUBLIC_BASE_URL: z.url().optional(),
  /**
   * Base URL of the orchestrator's API as callers see it: a 202 answer's status URL is
   * `<this>/api/runs/<run id>`. Default: PATCHBAY_PUBLIC_BASE_URL (one ingress host routing /api/runs to the
   * orchestrator, as the Helm chart does).
   */
  PATCHBAY_RUN_STATUS_BASE_URL: z.url().optional(),
  /**
   * Proxies (CIDR ranges or addresses, comma-separated) whose `X-Forwarded-For` is believed when checking a
   * workflow's allowed caller IP ranges. Empty: the TCP peer is the caller.
   */
  PATCHBAY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(z.array(z.string().refine(isRange, 'expected CIDR ranges or IP addresses, comma-separated'))),
  /**
   * Egress rules for the brokers of Kafka triggers (the user's Kafka): the same settings, and the same meaning,
   * as connector-runtime's (loopback, link-local and private ranges denied unless allowed).
   */
  ...egressEnvShape,
});

export type TriggerIngestionConfig = z.infer<typeof triggerIngestionEnvSchema>;
export const TRIGGER_INGESTION_CONFIG = Symbol('TRIGGER_INGESTION_CONFIG');

export function loadTriggerIngestionConfig(): TriggerIngestionConfig {
  return loadEnvConfig(triggerIngestionEnvSchema);
}
