import { z } from 'zod';
import { isoTime, jsonValue, runId } from './common.schema.js';

/** The orchestrator asks connector-runtime to execute one connector operation (one attempt). */
export const actionRequestedSchema = z.object({
  runId,
  workflowId: z.uuid(),
  actionName: z.string().min(1),
  /** Unique per attempt; echoed in `action.completed` so the orchestrator can drop duplicates. */
  attemptId: z.string().min(1),
  /** Stable across retries of the same logical action: `(run, action, iteration)`. Passed on to targets that support it. */
  idempotencyKey: z.string().min(1),
  /** WDL action type (`Http`, `ApiConnection`, `ServiceProvider`, ...). */
  actionType: z.string().min(1),
  /** Evaluated action inputs. Never contains connection secrets: those are resolved by connector-runtime. */
  inputs: jsonValue,
  /** Name of the connection the action uses, if any. */
  connectionName: z.string().min(1).optional(),
  /** Absolute deadline for this attempt. */
  deadline: isoTime.optional(),
  /**
   * The action's `runtimeConfiguration.paginationPolicy`: paging operations follow next links until at least
   * this many items are collected (Logic Apps allows up to 100,000).
   */
  pagination: z.object({ minimumItemCount: z.number().int().min(1).max(100_000) }).optional(),
  /**
   * Which part of a multi-step action this attempt runs; absent: the whole action. `HttpWebhook` and
   * `ApiConnectionWebhook` run as `subscribe` (answered at once; the action then waits for its callback) and
   * `unsubscribe` (after the callback, on timeout or cancel).
   */
  operation: z.enum(['subscribe', 'unsubscribe']).optional(),
  /** `subscribe`: the callback URL the target is given (what `listCallbackUrl()` evaluated to). */
  callbackUrl: z.url().optional(),
  /** `unsubscribe`: the outputs of the subscribe attempt (e.g. its `Location` header). */
  subscription: jsonValue.optional(),
  requestedAt: isoTime,
});
export type ActionRequested = z.infer<typeof actionRequestedSchema>;
