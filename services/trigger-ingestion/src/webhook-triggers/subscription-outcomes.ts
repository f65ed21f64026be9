import type { BoundaryError, SubscriptionOperation } from '@patchbay/contracts';
import type { TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import type { Decision } from '../persistence/decision-log.repository.js';
import type {
  SubscriptionUpdate,
  WebhookSubscription,
} from '../persistence/webhook-subscription.repository.js';
import { backoffMs } from '../polling/poll-backoff.js';

/** Unsubscribe calls of one subscription at most; then it is given up (`abandoned`, logged). */
export const UNSUBSCRIBE_ATTEMPTS = 5;

type BackoffConfig = Pick<
  TriggerIngestionConfig,
  'PATCHBAY_POLL_BACKOFF_MS' | 'PATCHBAY_POLL_BACKOFF_MAX_MS'
>;

export interface Outcome {
  update: SubscriptionUpdate;
  decision: Decision;
}

function idsOf(row: WebhookSubscription) {
  return { workflowId: row.workflowId, triggerName: row.triggerName };
}

/**
 * A subscribe or unsubscribe that failed. A subscribe is retried for as long as the trigger is wanted, backing
 * off (a connection fixed later, a service back up); an unsubscribe is retried `UNSUBSCRIBE_ATTEMPTS` times at
 * most, and not at all when the error says retrying cannot help.
 */
export function afterFailure(
  row: WebhookSubscription,
  operation: SubscriptionOperation,
  error: BoundaryError,
  now: Date,
  config: BackoffConfig,
): Outcome {
  const failures = row.failures + 1;
  const lastError = { ...error, operation };
  const base = { id: row.id, failures, inFlight: null, lastError };
  if (operation === 'subscribe') {
    const nextAttemptAt = new Date(now.getTime() + backoffMs(config, failures));
    return {
      update: { ...base, state: 'pending', nextAttemptAt },
      decision: {
        ...idsOf(row),
        outcome: 'subscribe-failed',
        detail: { subscriptionId: row.id, version: row.workflowVersion, error, failures, nextAttemptAt },
      },
    };
  }
  if (failures >= UNSUBSCRIBE_ATTEMPTS || !error.retryable)
    return {
      update: { ...base, state: 'abandoned', nextAttemptAt: null },
      decision: {
        ...idsOf(row),
        outcome: 'unsubscribe-abandoned',
        detail: {
          subscriptionId: row.id,
          version: row.workflowVersion,
          error,
          failures,
          reason: error.retryable ? `failed ${failures} times` : 'the error is not retryable',
        },
      },
    };
  const nextAttemptAt = new Date(now.getTime() + backoffMs(config, failures));
  return {
    update: { ...base, state: 'subscribed', nextAttemptAt },
    decision: {
      ...idsOf(row),
      outcome: 'unsubscribe-failed',
      detail: { subscriptionId: row.id, version: row.workflowVersion, error, failures, nextAttemptAt },
    },
  };
}

/**
 * A subscribe or unsubscribe not sent because something it needs first is unavailable (where its connection runs):
 * tried again after the base back-off, not counted as an attempt, so an outage of the platform itself never
 * abandons an unsubscribe.
 */
export function postponed(
  row: WebhookSubscription,
  operation: SubscriptionOperation,
  error: BoundaryError,
  now: Date,
  config: BackoffConfig,
): Outcome {
  const nextAttemptAt = new Date(now.getTime() + config.PATCHBAY_POLL_BACKOFF_MS);
  return {
    update: {
      id: row.id,
      state: row.state,
      failures: row.failures,
      inFlight: null,
      nextAttemptAt,
      lastError: { ...error, operation },
    },
    decision: {
      ...idsOf(row),
      outcome: `${operation}-postponed`,
      detail: { subscriptionId: row.id, version: row.workflowVersion, error, nextAttemptAt },
    },
  };
}

/** A subscribe or unsubscribe that succeeded. */
export function afterSuccess(
  row: WebhookSubscription,
  operation: SubscriptionOperation,
  outputs: unknown,
  now: Date,
): Outcome {
  if (operation === 'subscribe')
    return {
      // Retired while the subscribe was in flight: take it back at once.
      update: {
        id: row.id,
        state: 'subscribed',
        failures: 0,
        inFlight: null,
        nextAttemptAt: row.wanted ? null : now,
        subscription: outputs ?? null,
        lastError: null,
      },
      decision: {
        ...idsOf(row),
        outcome: 'subscribed',
        detail: { subscriptionId: row.id, version: row.workflowVersion, statusCode: statusCodeOf(outputs) },
      },
    };
  return {
    update: { id: row.id, state: 'unsubscribed', failures: 0, inFlight: null, nextAttemptAt: null },
    decision: {
      ...idsOf(row),
      outcome: 'unsubscribed',
      detail: { subscriptionId: row.id, version: row.workflowVersion, statusCode: statusCodeOf(outputs) },
    },
  };
}

/** A retired subscription closed without a call (never subscribed, or nothing says how to unsubscribe). */
export function closedWithoutCall(row: WebhookSubscription, reason: string): Outcome {
  return {
    update: {
      id: row.id,
      state: 'unsubscribed',
      failures: row.failures,
      inFlight: null,
      nextAttemptAt: null,
    },
    decision: {
      ...idsOf(row),
      outcome: row.state === 'subscribed' ? 'unsubscribe-skipped' : 'subscription-closed',
      detail: { subscriptionId: row.id, version: row.workflowVersion, reason },
    },
  };
}

/** The status code an HttpWebhook subscribe answered (`statusCode`) or a custom connector's (`body.statusCode`). */
function statusCodeOf(outputs: unknown): number | null {
  if (typeof outputs !== 'object' || outputs === null) return null;
  const record = outputs as Record<string, unknown>;
  if (typeof record['statusCode'] === 'number') return record['statusCode'];
  const body = record['body'];
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>)['statusCode'] === 'number'
  )
    return (body as Record<string, number>)['statusCode']!;
  return null;
}
