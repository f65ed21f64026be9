import { z } from 'zod';
import { headerMap, isoTime, jsonValue, runId } from './common.schema.js';

/**
 * Someone called the callback URL of a waiting webhook action (`HttpWebhook`, `ApiConnectionWebhook`).
 * trigger-ingestion checks the URL's signature and publishes this with acks=all before it answers the caller;
 * the orchestrator feeds it to the run, which ignores callbacks of instances no longer waiting (duplicates).
 */
export const actionCallbackSchema = z.object({
  runId,
  /** The action instance the URL was made for (the `callbackId` of its signed URL). */
  callbackId: z.string().min(1).max(200),
  receivedAt: isoTime,
  method: z.string().min(1),
  headers: headerMap,
  /** Query parameters of the call, the signature left out. */
  queries: z.record(z.string(), z.string()),
  /** The parsed body: JSON, text, or `{ "$content-type", "$content" }` (base64) for other content types. */
  body: jsonValue.optional(),
});
export type ActionCallback = z.infer<typeof actionCallbackSchema>;
