import { unwrapDefinition, type WorkflowDefinition } from '@patchbay/wdl';
import type { TriggerSpec } from '@patchbay/contracts';

/** The bare definition object of a deployment request (the `{definition, kind}` wrapper removed). */
export function bareDefinition(input: Record<string, unknown>): WorkflowDefinition {
  return unwrapDefinition(input).definition as WorkflowDefinition;
}

/** What trigger-ingestion needs of each trigger. */
export function triggerSpecs(
  definition: WorkflowDefinition,
  keyVersions: Record<string, number>,
): TriggerSpec[] {
  return Object.entries(definition.triggers ?? {}).map(([name, trigger]) => {
    const spec: TriggerSpec = { name, type: trigger.type, signatureKeyVersion: keyVersions[name] ?? 0 };
    if (trigger.kind !== undefined) spec.kind = trigger.kind;
    if (trigger.inputs !== undefined) spec.inputs = trigger.inputs;
    if (trigger.recurrence !== undefined) spec.recurrence = trigger.recurrence;
    if (trigger.splitOn !== undefined) spec.splitOn = trigger.splitOn;
    if (trigger.conditions !== undefined) spec.conditions = trigger.conditions;
    if (trigger.runtimeConfiguration !== undefined) spec.runtimeConfiguration = trigger.runtimeConfiguration;
    if (trigger.operationOptions !== undefined) spec.operationOptions = trigger.operationOptions;
    return spec;
  });
}
