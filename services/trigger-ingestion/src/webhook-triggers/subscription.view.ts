import type { WebhookSubscription } from '../persistence/webhook-subscription.repository.js';

/** A webhook trigger's subscription as the admin API shows it: enough to see why the trigger is silent. */
export interface SubscriptionView {
  subscriptionId: string;
  workflowVersion: number;
  /** True for the subscription the trigger is meant to have; false for one being (or lately) taken back. */
  wanted: boolean;
  state: WebhookSubscription['state'];
  /** The call in flight, if any (`subscribe` or `unsubscribe`). */
  inFlight: 'subscribe' | 'unsubscribe' | null;
  failures: number;
  nextAttemptAt: string | null;
  lastError: WebhookSubscription['lastError'];
  lastErrorAt: string | null;
  subscribedAt: string | null;
  unsubscribedAt: string | null;
}

export function subscriptionViews(rows: readonly WebhookSubscription[]): SubscriptionView[] {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    subscriptionId: r.id,
    workflowVersion: r.workflowVersion,
    wanted: r.wanted,
    state: r.state,
    inFlight: r.inFlight !== null && r.inFlight.until.getTime() >= Date.now() ? r.inFlight.operation : null,
    failures: r.failures,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastError: r.lastError,
    lastErrorAt: iso(r.lastErrorAt),
    subscribedAt: iso(r.subscribedAt),
    unsubscribedAt: iso(r.unsubscribedAt),
  }));
}
