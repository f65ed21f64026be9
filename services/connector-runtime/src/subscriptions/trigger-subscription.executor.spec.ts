import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionCompleted, ActionRequested, TriggerSubscriptionRequested } from '@patchbay/contracts';
import type { ActionExecutor } from '../execution/action-executor.service.js';
import { TriggerSubscriptionExecutor } from './trigger-subscription.executor.js';

const request: TriggerSubscriptionRequested = {
  requestId: '6f1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b11',
  subscriptionId: '1d1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b12',
  workflowId: '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55',
  workflowVersion: 3,
  triggerName: 'onTicket',
  triggerType: 'ApiConnectionWebhook',
  operation: 'unsubscribe',
  inputs: { host: { connection: { name: 'tickets' } }, method: 'post', path: '/hooks' },
  connectionName: 'tickets',
  callbackUrl: 'http://127.0.0.1:8080/api/hooks/x/triggers/onTicket/invoke?sv=0&sig=s',
  subscription: { body: { location: 'http://tickets.test/hooks/7', statusCode: 201 } },
  deadline: '2026-11-26T10:02:00.000Z',
  requestedAt: '2026-11-26T10:00:00.000Z',
};

function executorAnswering(answer: Partial<ActionCompleted>): {
  executor: TriggerSubscriptionExecutor;
  seen: ActionRequested[];
} {
  const seen: ActionRequested[] = [];
  const actions = {
    execute: (attempt: ActionRequested): Promise<ActionCompleted> => {
      seen.push(attempt);
      return Promise.resolve({
        runId: attempt.runId,
        actionName: attempt.actionName,
        attemptId: attempt.attemptId,
        status: 'Succeeded',
        startedAt: '2026-11-26T10:00:01.000Z',
        endedAt: '2026-11-26T10:00:02.000Z',
        ...answer,
      });
    },
  } as unknown as ActionExecutor;
  return { executor: new TriggerSubscriptionExecutor(actions), seen };
}

describe('TriggerSubscriptionExecutor', () => {
  it('runs the trigger call as the webhook attempt of the same type, with the subscription passed back', async () => {
    const { executor, seen } = executorAnswering({ outputs: { body: null } });
    const completed = await executor.run(request);
    assert.equal(seen.length, 1);
    const attempt = seen[0]!;
    assert.equal(attempt.actionType, 'ApiConnectionWebhook');
    assert.equal(attempt.operation, 'unsubscribe');
    assert.equal(attempt.connectionName, 'tickets');
    assert.equal(attempt.callbackUrl, request.callbackUrl);
    assert.deepEqual(attempt.subscription, request.subscription);
    assert.equal(attempt.idempotencyKey, `${request.subscriptionId}/unsubscribe`);
    assert.equal(attempt.deadline, request.deadline);
    assert.deepEqual(completed, {
      requestId: request.requestId,
      subscriptionId: request.subscriptionId,
      workflowId: request.workflowId,
      triggerName: 'onTicket',
      operation: 'unsubscribe',
      status: 'Succeeded',
      outputs: { body: null },
      startedAt: '2026-11-26T10:00:01.000Z',
      endedAt: '2026-11-26T10:00:02.000Z',
    });
  });

  it('reports a timed-out call as failed with its error', async () => {
    const error = { code: 'ActionTimedOut', message: 'took too long', retryable: true };
    const { executor } = executorAnswering({ status: 'TimedOut', error });
    const completed = await executor.run({ ...request, operation: 'subscribe' });
    assert.equal(completed.status, 'Failed');
    assert.deepEqual(completed.error, error);
  });
});
