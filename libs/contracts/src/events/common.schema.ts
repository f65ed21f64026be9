import { z } from 'zod';

/** JSON-compatible value (what WDL inputs and outputs are made of). */
export const jsonValue: z.ZodType<unknown> = z.unknown();

export const isoTime = z.iso.datetime({ offset: true });
export const runId = z.uuid();
export const headerMap = z.record(z.string(), z.string());

/** Terminal statuses of a WDL action as Logic Apps reports them. */
export const actionStatus = z.enum(['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled']);
export type ActionStatus = z.infer<typeof actionStatus>;

/** Statuses of a run. */
export const runStatus = z.enum(['Running', 'Waiting', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut']);
export type RunStatus = z.infer<typeof runStatus>;

/** A typed error that crosses a service boundary. `retryable` tells the receiver whether trying again can help. */
export const boundaryError = z.object({
  code: z.string().min(1),
  message: z.string(),
  retryable: z.boolean(),
});
export type BoundaryError = z.infer<typeof boundaryError>;
