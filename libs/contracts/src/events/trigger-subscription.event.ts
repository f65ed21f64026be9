import { z } from 'zod';
import { boundaryError, isoTime, jsonValue } from './common.schema.js';

/** The two calls of a webhook trigger's life: register the callback, and take it back. */
export const subscriptionOperation = z.enum(['subscribe', 'unsubscribe']);
export type SubscriptionOperation = z.infer<typeof subscriptionOperation>;

/**
 * trigger-ingestion asks connector-runtime to subscribe or unsubscribe a webhook trigger (WDL `HttpWebhook`, or
 * `ApiConnectionWebhook` on a custom connector's `x-ms-notification-url` operation). trigger-ingestion owns the
 * subscription's state, lease and retries; connector-runtime owns connections and egress, so the call happens
 * there, exactly as the subscribe/unsubscribe attempt of the corresponding webhook action.
 */
export const triggerSubscriptionRequestedSchema = z.object({
  /** Unique per attempt; the completion echoes it, and only the attempt in flight counts. */
  requestId: z.uuid(),
  /** Stable for one subscription (one workflow version's trigger while enabled); the idempotency key derives from it. */
  subscriptionId: z.uuid(),
  workflowId: z.uuid(),
  workflowVersion: z.number().int().positive(),
  triggerName: z.string().min(1),
  /** WDL trigger type: `HttpWebhook` or `ApiConnectionWebhook`. */
  triggerType: z.string().min(1),
  operation: subscriptionOperation,
  /** The trigger's inputs, expressions evaluated (`listCallbackUrl()` is `callbackUrl`). */
  inputs: jsonValue,
  /** The connection the trigger names, resolved by connector-runtime for the workflow. */
  connectionName: z.string().min(1).optional(),
  /** The trigger's signed callback URL: what the remote service is to call. */
  callbackUrl: z.url(),
  /** `unsubscribe`: the outputs of the successful subscribe (e.g. the `Location` to delete). */
  subscription: jsonValue.optional(),
  /** After this the attempt is abandoned: trigger-ingestion has moved on to a new one. */
  deadline: isoTime,
  requestedAt: isoTime,
});
export type TriggerSubscriptionRequested = z.infer<typeof triggerSubscriptionRequestedSchema>;

/** connector-runtime reports one subscribe or unsubscribe attempt. */
export const triggerSubscriptionCompletedSchema = z.object({
  requestId: z.uuid(),
  subscriptionId: z.uuid(),
  workflowId: z.uuid(),
  triggerName: z.string().min(1),
  operation: subscriptionOperation,
  status: z.enum(['Succeeded', 'Failed']),
  /** `subscribe`: what unsubscribe needs later (`{ statusCode, headers, body }` for HttpWebhook, `{ body: { location, statusCode } }` for custom connectors). */
  outputs: jsonValue.optional(),
  error: boundaryError.optional(),
  startedAt: isoTime,
  endedAt: isoTime,
});
export type TriggerSubscriptionCompleted = z.infer<typeof triggerSubscriptionCompletedSchema>;
