import { z } from 'zod';
import { actionStatus, isoTime, runId, runStatus } from './common.schema.js';

/** Run history changes, for subscribers (UI, audit, metrics). Inputs and outputs are not carried here. */
export const runEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('run.started'),
    runId,
    workflowId: z.uuid(),
    /** The trigger that started the run (for trigger concurrency limits and history). */
    triggerName: z.string().min(1).optional(),
    at: isoTime,
  }),
  z.object({
    kind: z.literal('run.finished'),
    runId,
    workflowId: z.uuid(),
    triggerName: z.string().min(1).optional(),
    status: runStatus,
    at: isoTime,
  }),
  z.object({
    kind: z.literal('action.finished'),
    runId,
    workflowId: z.uuid(),
    actionName: z.string(),
    status: actionStatus,
    at: isoTime,
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
