import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName, waitFor } from '@patchbay/testkit';
import { resolvePlatform, type Platform } from '../support/platform.js';
import { expectJson, requestJson } from '../support/http-json.js';
import { callWhenKnown } from '../support/webhook.js';
import { startSubscriptionTarget, type SubscriptionTarget } from '../support/subscription-target.js';

interface RunView {
  id: string;
  status: string;
  actions: Record<string, { status: string; code?: string; inputs?: unknown; outputs?: unknown }>;
  history: { name: string; status: string }[];
}

/** Request -> HttpWebhook (subscribe at the target, wait for the callback, unsubscribe) -> Response. */
function definition(targetUrl: string, timeout?: string): Record<string, unknown> {
  return {
    $schema:
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions: {
      Wait_for_approval: {
        type: 'HttpWebhook',
        runAfter: {},
        inputs: {
          subscribe: {
            method: 'POST',
            uri: `${targetUrl}/subscribe`,
            body: { callbackUrl: '@{listCallbackUrl()}', order: "@triggerBody()?['order']" },
          },
          unsubscribe: {
            method: 'POST',
            uri: `${targetUrl}/unsubscribe`,
            body: { callbackUrl: '@{listCallbackUrl()}' },
          },
        },
        ...(timeout === undefined ? {} : { limit: { timeout } }),
      },
      Respond: {
        type: 'Response',
        kind: 'Http',
        runAfter: { Wait_for_approval: ['Succeeded', 'TimedOut'] },
        inputs: {
          statusCode: 200,
          body: {
            status: "@{actions('Wait_for_approval')['status']}",
            approval: "@body('Wait_for_approval')",
            order: "@triggerBody()?['order']",
          },
        },
      },
    },
  };
}

describe('webhook action end to end: subscribe, wait for the callback, unsubscribe', () => {
  let platform: Platform;
  let target: SubscriptionTarget;

  before(async () => {
    platform = await resolvePlatform();
    target = await startSubscriptionTarget();
  });

  after(async () => {
    await target?.close();
  });

  async function deploy(timeout?: string): Promise<string> {
    const workflow = await expectJson<{ id: string }>(
      [201],
      'POST',
      `${platform.orchestratorUrl}/api/workflows`,
      {
        name: uniqueName('approval'),
        definition: definition(target.url, timeout),
      },
    );
    const callback = await expectJson<{ value: string }>(
      [200],
      'GET',
      `${platform.orchestratorUrl}/api/workflows/${workflow.id}/triggers/manual/callback-url`,
    );
    return callback.value;
  }

  async function subscriptionOf(order: string): Promise<string> {
    const call = await waitFor(() => target.subscribes.find((s) => s.body['order'] === order), {
      timeoutMs: 30_000,
      description: `the subscribe call of order ${order}`,
    });
    const url = call.body['callbackUrl'];
    assert.equal(typeof url, 'string');
    return url as string;
  }

  async function runOf(runId: string): Promise<RunView> {
    return waitFor(
      async () => {
        const view = await expectJson<RunView>([200], 'GET', `${platform.orchestratorUrl}/api/runs/${runId}`);
        return view.status === 'Running' ? undefined : view;
      },
      { timeoutMs: 30_000, description: `run ${runId} to finish` },
    );
  }

  it('answers the caller with the callback body, unsubscribes once, refuses a forged callback', async () => {
    const triggerUrl = await deploy();
    const order = uniqueName('order');
    const answering = callWhenKnown<{ status: string; approval: unknown; order: string }>(triggerUrl, {
      order,
    });
    const callbackUrl = await subscriptionOf(order);
    assert.match(new URL(callbackUrl).pathname, /^\/api\/hooks\/runs\/[0-9a-f-]{36}\/callbacks\/[^/]+$/);

    // A forged signature is refused before anything is published; the action keeps waiting.
    const forged = new URL(callbackUrl);
    forged.searchParams.set('sig', 'A'.repeat(43));
    const refused = await requestJson('POST', forged.toString(), { approved: false });
    assert.equal(refused.status, 401, JSON.stringify(refused.body));

    const accepted = await requestJson('POST', callbackUrl, { approved: true, by: 'ada' });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));

    const answer = await answering;
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { status: 'Succeeded', approval: { approved: true, by: 'ada' }, order });

    const unsubscribe = await waitFor(
      () => target.unsubscribes.find((u) => u.body['callbackUrl'] === callbackUrl),
      {
        timeoutMs: 30_000,
        description: 'the unsubscribe call',
      },
    );
    assert.ok(unsubscribe);
    assert.equal(target.unsubscribes.filter((u) => u.body['callbackUrl'] === callbackUrl).length, 1);
    assert.equal(target.subscribes.filter((s) => s.body['order'] === order).length, 1);

    const runId = answer.headers.get('x-ms-workflow-run-id') ?? '';
    const run = await runOf(runId);
    assert.equal(run.status, 'Succeeded');
    const hook = run.actions['Wait_for_approval'];
    assert.equal(hook?.status, 'Succeeded');
    assert.deepEqual((hook?.outputs as { statusCode: number; body: unknown }).body, {
      approved: true,
      by: 'ada',
    });
    assert.equal((hook?.outputs as { statusCode: number }).statusCode, 200);
    assert.deepEqual(
      run.history.map((h) => [h.name, h.status]),
      [
        ['Wait_for_approval', 'Succeeded'],
        ['Respond', 'Succeeded'],
      ],
    );

    // A second call of the same URL is accepted (durably) and changes nothing.
    const again = await requestJson('POST', callbackUrl, { approved: false });
    assert.equal(again.status, 202);
  });

  it('times out after limit.timeout without a callback and unsubscribes', async () => {
    const triggerUrl = await deploy('PT2S');
    const order = uniqueName('order');
    const answering = callWhenKnown<{ status: string; order: string }>(triggerUrl, { order });
    const callbackUrl = await subscriptionOf(order);
    const answer = await answering;
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'TimedOut');
    await waitFor(() => target.unsubscribes.find((u) => u.body['callbackUrl'] === callbackUrl), {
      timeoutMs: 30_000,
      description: 'the unsubscribe call after the timeout',
    });
    assert.equal(target.unsubscribes.filter((u) => u.body['callbackUrl'] === callbackUrl).length, 1);
    const run = await runOf(answer.headers.get('x-ms-workflow-run-id') ?? '');
    assert.equal(run.status, 'Succeeded');
    assert.equal(run.actions['Wait_for_approval']?.status, 'TimedOut');
    assert.equal(run.actions['Wait_for_approval']?.code, 'ActionTimedOut');
  });
});
