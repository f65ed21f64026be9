import type { TriggerFired } from '@patchbay/contracts';
import type { WorkflowDefinition } from '@patchbay/wdl';

/** A workflow started by the Request trigger `manual` (POST), running `actions`. */
export function requestWorkflow(actions: WorkflowDefinition['actions']): WorkflowDefinition {
  return {
    $schema:
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions,
  };
}

/** The trigger.fired of a POST to the `manual` trigger of version 1, a caller waiting for the response. */
export function manualTriggerFired(
  runId: string,
  workflowId: string,
  outputs: TriggerFired['outputs'],
): TriggerFired {
  return {
    runId,
    workflowId,
    workflowVersion: 1,
    triggerName: 'manual',
    firedAt: '2026-11-26T10:00:00.000Z',
    method: 'POST',
    outputs,
    awaitsResponse: true,
  };
}
