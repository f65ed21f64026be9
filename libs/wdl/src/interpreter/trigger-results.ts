/**
 * Builders for the trigger result a run starts from, in the shape `trigger()`, `triggerOutputs()`
 * and `triggerBody()` read. Used by trigger-ingestion and by test drivers.
 */
import type { TriggerResult } from './run-state.js';

export interface RequestTriggerInput {
  name: string;
  at: string;
  method: string;
  /** Header names as received (HTTP servers usually give them in lower case). */
  headers: Record<string, string>;
  body?: unknown;
  /** Query parameters; leave out when the URL had none of the caller's own. */
  queries?: Record<string, string>;
  relativePathParameters?: Record<string, string>;
  trackingId?: string;
  clientTrackingId?: string;
}

/** Result of a Request trigger: outputs `{headers, body, queries?, relativePathParameters?}`. */
export function requestTriggerResult(input: RequestTriggerInput): TriggerResult {
  const outputs: Record<string, unknown> = { headers: { ...input.headers } };
  if (input.body !== undefined) outputs['body'] = input.body;
  if (input.queries !== undefined) outputs['queries'] = { ...input.queries };
  if (input.relativePathParameters !== undefined)
    outputs['relativePathParameters'] = { ...input.relativePathParameters };
  return {
    name: input.name,
    inputs: { method: input.method },
    outputs,
    startTime: input.at,
    endTime: input.at,
    status: 'Succeeded',
    code: 'OK',
    ...(input.trackingId === undefined ? {} : { trackingId: input.trackingId }),
    ...(input.clientTrackingId === undefined ? {} : { clientTrackingId: input.clientTrackingId }),
  };
}

/** Result of a schedule firing (Recurrence / SlidingWindow): no body. */
export function scheduleTriggerResult(name: string, at: string, scheduledTime: string = at): TriggerResult {
  return {
    name,
    outputs: { headers: {}, scheduledTime },
    startTime: at,
    endTime: at,
    scheduledTime,
    status: 'Succeeded',
    code: 'OK',
  };
}
