import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEventData } from './event-catalog.js';
import { Topics } from '../topics.js';

describe('trigger.subscription events', () => {
  const requested = {
    requestId: '6f1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b11',
    subscriptionId: '1d1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b12',
    workflowId: '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55',
    workflowVersion: 2,
    triggerName: 'onEvent',
    triggerType: 'HttpWebhook',
    operation: 'subscribe',
    inputs: { subscribe: { method: 'POST', uri: 'https://example.test/hooks' } },
    callbackUrl: 'https://patchbay.test/api/hooks/x/triggers/onEvent/invoke?sv=0&sig=abc',
    deadline: '2026-11-26T10:02:00.000Z',
    requestedAt: '2026-11-26T10:00:00.000Z',
  };

  it('accepts a subscribe request and its completion', () => {
    assert.deepEqual(parseEventData(Topics.triggerSubscriptionRequested, requested), requested);
    const completed = {
      requestId: requested.requestId,
      subscriptionId: requested.subscriptionId,
      workflowId: requested.workflowId,
      triggerName: 'onEvent',
      operation: 'subscribe',
      status: 'Succeeded',
      outputs: { statusCode: 201, headers: { location: 'https://example.test/hooks/7' } },
      startedAt: '2026-11-26T10:00:00.100Z',
      endedAt: '2026-11-26T10:00:00.200Z',
    };
    assert.deepEqual(parseEventData(Topics.triggerSubscriptionCompleted, completed), completed);
  });

  it('names the operation and the callback URL when they are wrong', () => {
    assert.throws(
      () =>
        parseEventData(Topics.triggerSubscriptionRequested, {
          ...requested,
          operation: 'renew',
          callbackUrl: 'not a url',
        }),
      (error: Error) => /operation/.test(error.message) && /callbackUrl/.test(error.message),
    );
  });
});
