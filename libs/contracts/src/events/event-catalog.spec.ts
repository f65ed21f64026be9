import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEventType, parseEventData } from './event-catalog.js';
import { Topics } from '../topics.js';

describe('event catalog', () => {
  const valid = {
    runId: '6f1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b11',
    workflowId: '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55',
    workflowVersion: 1,
    triggerName: 'manual',
    firedAt: '2026-11-26T10:00:00.000Z',
    outputs: { headers: { 'content-type': 'application/json' }, body: { orderId: 7 } },
    awaitsResponse: true,
  };

  it('accepts valid trigger.fired data', () => {
    assert.deepEqual(parseEventData(Topics.triggerFired, valid), valid);
  });

  it('lists every problem with its path', () => {
    const bad = { ...valid, runId: 'not-a-uuid', workflowVersion: 0, outputs: { headers: { x: 1 } } };
    assert.throws(
      () => parseEventData(Topics.triggerFired, bad),
      (error: Error) =>
        /runId/.test(error.message) &&
        /workflowVersion/.test(error.message) &&
        /outputs\.headers\.x/.test(error.message),
    );
  });

  it('checks the CloudEvents type against the topic', () => {
    assert.doesNotThrow(() => assertEventType(Topics.actionCompleted, 'dev.patchbay.action.completed.v1'));
    assert.throws(() => assertEventType(Topics.actionCompleted, 'dev.patchbay.trigger.fired.v1'), /ce_type/);
  });
});
