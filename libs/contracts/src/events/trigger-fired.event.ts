import { z } from 'zod';
import { headerMap, isoTime, jsonValue, runId } from './common.schema.js';

/**
 * A trigger fired: the orchestrator must start exactly one run with this id. Published by trigger-ingestion
 * with acks=all before the caller is answered.
 */
export const triggerFiredSchema = z.object({
  runId,
  workflowId: z.uuid(),
  /** Version of the workflow definition current when the trigger fired; the run is pinned to it. */
  workflowVersion: z.number().int().positive(),
  triggerName: z.string().min(1),
  firedAt: isoTime,
  /** HTTP method of the call that fired a Request trigger (`trigger().inputs.method`). */
  method: z.string().min(1).optional(),
  /**
   * What `triggerOutputs()` returns: `headers`, `queries`, `body`, `relativePathParameters` for Request
   * triggers; `scheduledTime`, `windowStartTime`, ... for schedules; the item for polling triggers. Keys other
   * than the four typed ones pass through unchanged.
   */
  outputs: z.looseObject({
    headers: headerMap.optional(),
    queries: z.record(z.string(), z.string()).optional(),
    relativePathParameters: z.record(z.string(), z.string()).optional(),
    body: jsonValue.optional(),
    /** Recurrence and SlidingWindow triggers: the occurrence this run is for (not when it was published). */
    scheduledTime: isoTime.optional(),
    /** SlidingWindow triggers: the window handed to this run, `[windowStartTime, windowEndTime)`. */
    windowStartTime: isoTime.optional(),
    windowEndTime: isoTime.optional(),
  }),
  /** When a schedule trigger (Recurrence, SlidingWindow) was due (`trigger().scheduledTime`). */
  scheduledTime: isoTime.optional(),
  /** True when a caller is waiting on an HTTP connection for a Response action. */
  awaitsResponse: z.boolean(),
  clientTrackingId: z.string().optional(),
});
export type TriggerFired = z.infer<typeof triggerFiredSchema>;
