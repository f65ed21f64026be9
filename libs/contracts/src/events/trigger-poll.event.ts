import { z } from 'zod';
import { boundaryError, isoTime, jsonValue } from './common.schema.js';

/**
 * trigger-ingestion asks connector-runtime to run one poll of a polling trigger (WDL `ApiConnection` with a
 * `recurrence`, or `ServiceProvider` naming a polling operation). trigger-ingestion owns the schedule, the
 * lease, the cursor and deduplication; connector-runtime owns connections and egress, so the call happens there.
 */
export const triggerPollRequestedSchema = z.object({
  /** Unique per poll; the completion echoes it, and only the poll a trigger is waiting for counts. */
  pollId: z.uuid(),
  workflowId: z.uuid(),
  workflowVersion: z.number().int().positive(),
  triggerName: z.string().min(1),
  /** WDL trigger type: `ApiConnection` or `ServiceProvider`. */
  triggerType: z.string().min(1),
  /** The trigger's inputs, expressions evaluated (`host`, `method`, `path`, `queries` / `serviceProviderConfiguration`, `parameters`). */
  inputs: jsonValue,
  /** The connection the trigger names, resolved by connector-runtime for the workflow. */
  connectionName: z.string().min(1).optional(),
  /** The cursor the previous poll returned; absent on a trigger's first poll. */
  cursor: jsonValue.optional(),
  /** After this the poll is abandoned: trigger-ingestion has moved on to a new one. */
  deadline: isoTime,
  requestedAt: isoTime,
});
export type TriggerPollRequested = z.infer<typeof triggerPollRequestedSchema>;

/** connector-runtime reports one poll: the items the source returned and the cursor for the next poll. */
export const triggerPollCompletedSchema = z.object({
  pollId: z.uuid(),
  workflowId: z.uuid(),
  triggerName: z.string().min(1),
  status: z.enum(['Succeeded', 'Failed']),
  /** The items of this poll (deduplication happens in trigger-ingestion). */
  items: z.array(jsonValue).optional(),
  /** The cursor to pass to the next poll. */
  nextCursor: jsonValue.optional(),
  error: boundaryError.optional(),
  /** The source asked to wait this long before the next poll (throttling). */
  retryAfterMs: z.number().int().nonnegative().optional(),
  startedAt: isoTime,
  endedAt: isoTime,
});
export type TriggerPollCompleted = z.infer<typeof triggerPollCompletedSchema>;
