import { z } from 'zod';
import { boundaryError, isoTime, jsonValue, runId } from './common.schema.js';

/** connector-runtime reports the outcome of one attempt. */
export const actionCompletedSchema = z.object({
  runId,
  actionName: z.string().min(1),
  attemptId: z.string().min(1),
  status: z.enum(['Succeeded', 'Failed', 'TimedOut']),
  /** Logic-Apps-shaped outputs, e.g. `{ statusCode, headers, body }` for Http. */
  outputs: jsonValue.optional(),
  error: boundaryError.optional(),
  startedAt: isoTime,
  endedAt: isoTime,
});
export type ActionCompleted = z.infer<typeof actionCompletedSchema>;
