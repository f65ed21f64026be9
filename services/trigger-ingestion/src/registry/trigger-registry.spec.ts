import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkflowChanged } from '@patchbay/contracts';
import { TriggerRegistry } from './trigger-registry.js';

const change = (version: number, state: WorkflowChanged['state'] = 'Enabled'): WorkflowChanged => ({
  workflowId: '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55',
  namespace: 'default',
  name: 'orders',
  version,
  state,
  triggers: [{ name: 'manual', type: 'Request', kind: 'Http', signatureKeyVersion: 0 }],
  hasResponseAction: true,
  changedAt: '2026-11-26T10:00:00.000Z',
});

describe('TriggerRegistry', () => {
  it('finds a trigger of an announced workflow', () => {
    const registry = new TriggerRegistry();
    registry.apply(change(1));
    assert.equal(registry.trigger(change(1).workflowId, 'manual')?.workflow.version, 1);
    assert.equal(registry.trigger(change(1).workflowId, 'other'), undefined);
  });

  it('ignores an older version arriving after a newer one', () => {
    const registry = new TriggerRegistry();
    registry.apply(change(2));
    registry.apply(change(1, 'Disabled'));
    assert.equal(registry.workflow(change(1).workflowId)?.state, 'Enabled');
  });

  it('forgets a deleted workflow', () => {
    const registry = new TriggerRegistry();
    registry.apply(change(1));
    registry.apply(change(2, 'Deleted'));
    assert.equal(registry.size, 0);
  });
});
