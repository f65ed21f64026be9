import { z } from 'zod';
import { isoTime, jsonValue } from './common.schema.js';

/** What trigger-ingestion needs to know of one trigger to accept or refuse a call, or to schedule it. */
export const triggerSpecSchema = z.object({
  name: z.string().min(1),
  /** WDL trigger type as written (`Request`, `Recurrence`, ...). */
  type: z.string().min(1),
  kind: z.string().optional(),
  /** The trigger's `inputs` (method, relativePath, schema, ...), unevaluated. */
  inputs: jsonValue.optional(),
  recurrence: jsonValue.optional(),
  splitOn: z.string().optional(),
  /** Trigger `conditions` (`[{ expression }]`): the trigger fires only when every one is true. */
  conditions: z.array(z.object({ expression: jsonValue })).optional(),
  /** Trigger `runtimeConfiguration` (`concurrency.runs`, `concurrency.maximumWaitingRuns`), as written. */
  runtimeConfiguration: jsonValue.optional(),
  /** Trigger `operationOptions` as written (e.g. `SingleInstance`). */
  operationOptions: z.string().optional(),
  /**
   * Values of the workflow parameters this trigger's expressions read (`@parameters('x')` in inputs, recurrence,
   * conditions, splitOn): defaults merged with the deployed values. Never secure parameters: the orchestrator
   * refuses a trigger that reads one.
   */
  parameters: z.record(z.string(), jsonValue).optional(),
  /** Key version used in callback URL signatures; bumping it invalidates every earlier URL. */
  signatureKeyVersion: z.number().int().nonnegative(),
});
export type TriggerSpec = z.infer<typeof triggerSpecSchema>;

export const workflowChangedSchema = z.object({
  workflowId: z.uuid(),
  namespace: z.string().min(1),
  name: z.string().min(1),
  version: z.number().int().positive(),
  state: z.enum(['Enabled', 'Disabled', 'Deleted']),
  triggers: z.array(triggerSpecSchema),
  /** True when the definition has a Response action, so a Request trigger's caller waits for it. */
  hasResponseAction: z.boolean(),
  /** The workflow's access control: who may call its Request triggers (absent: anyone with a valid URL). */
  accessControl: z
    .object({
      triggers: z
        .object({
          /** CIDR ranges (or single addresses) callers must come from, as `{ addressRange }` entries. */
          allowedCallerIpAddresses: z.array(z.object({ addressRange: z.string().min(1) })),
        })
        .optional(),
    })
    .optional(),
  changedAt: isoTime,
});
export type WorkflowChanged = z.infer<typeof workflowChangedSchema>;
