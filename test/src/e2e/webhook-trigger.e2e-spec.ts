import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName, waitFor } from '@patchbay/testkit';
import { resolvePlatform, type Platform } from '../support/platform.js';
import { expectJson, requestJson } from '../support/http-json.js';
import { startSubscriptionTarget, type SubscriptionTarget } from '../support/subscription-target.js';

interface RunView {
  id: string;
  status: string;
  actions: Record<string, { status: string; outputs?: unknown }>;
}

/** HttpWebhook trigger (subscribe at the target with listCallbackUrl(), unsubscribe) -> Compose of the body. */
function definition(targetUrl: string, tag: string): Record<string, unknown> {
  return {
    $schema:
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: {
      onEvent: {
        type: 'HttpWebhook',
        inputs: {
          subscribe: {
            method: 'POST',
            uri: `${targetUrl}/subscribe`,
            body: { callbackUrl: '@{listCallbackUrl()}', tag },
          },
          unsubscribe: {
            method: 'POST',
            uri: `${targetUrl}/unsubscribe`,
            body: { callbackUrl: '@{listCallbackUrl()}', tag },
          },
        },
      },
    },
    actions: { Received: { type: 'Compose', runAfter: {}, inputs: '@triggerBody()' } },
  };
}

describe('webhook trigger end to end: deploy subscribes, the callback starts a run, disable unsubscribes', () => {
  let platform: Platform;
  let target: SubscriptionTarget;
  const workflowIds: string[] = [];

  before(async () => {
    platform = await resolvePlatform();
    target = await startSubscriptionTarget();
  });

  after(async () => {
    for (const id of workflowIds)
      await requestJson('DELETE', `${platform.orchestratorUrl}/api/workflows/${id}`).catch(() => undefined);
    await target?.close();
  });

  it('subscribes once, runs with the posted body, unsubscribes once when disabled', async () => {
    const tag = uniqueName('tag');
    const workflow = await expectJson<{ id: string }>(
      [201],
      'POST',
      `${platform.orchestratorUrl}/api/workflows`,
      {
        name: uniqueName('webhook-trigger'),
        definition: definition(target.url, tag),
      },
    );
    workflowIds.push(workflow.id);
    const subscribe = await waitFor(() => target.subscribes.find((s) => s.body['tag'] === tag), {
      timeoutMs: 30_000,
      description: 'the subscribe call of the deployed workflow',
    });
    const callbackUrl = subscribe.body['callbackUrl'] as string;
    assert.match(
      new URL(callbackUrl).pathname,
      new RegExp(`^/api/hooks/${workflow.id}/triggers/onEvent/invoke$`),
    );

    const fired = await requestJson('POST', callbackUrl, { event: 'order.created', id: 42 });
    assert.equal(fired.status, 202, JSON.stringify(fired.body));
    const runId = (fired.body as { runId: string }).runId;
    const run = await waitFor(
      async () => {
        const view = await expectJson<RunView>(
          [200, 404],
          'GET',
          `${platform.orchestratorUrl}/api/runs/${runId}`,
        );
        return view.status === 'Succeeded' || view.status === 'Failed' ? view : undefined;
      },
      { timeoutMs: 30_000, description: `run ${runId} to finish` },
    );
    assert.equal(run.status, 'Succeeded');
    assert.deepEqual(run.actions['Received']?.outputs, { event: 'order.created', id: 42 });

    await expectJson([200], 'POST', `${platform.orchestratorUrl}/api/workflows/${workflow.id}/disable`);
    await waitFor(() => target.unsubscribes.find((u) => u.body['tag'] === tag), {
      timeoutMs: 30_000,
      description: 'the unsubscribe call after disabling',
    });
    const refused = await requestJson('POST', callbackUrl, { event: 'late' });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    const status = await expectJson<{ subscriptions: { state: string }[] }>(
      [200],
      'GET',
      `${platform.triggerIngestionUrl}/api/triggers/${workflow.id}/onEvent`,
    );
    assert.equal(status.subscriptions[0]?.state, 'unsubscribed');
    assert.equal(target.subscribes.filter((s) => s.body['tag'] === tag).length, 1);
    assert.equal(target.unsubscribes.filter((u) => u.body['tag'] === tag).length, 1);
    assert.equal(target.unsubscribes.find((u) => u.body['tag'] === tag)?.body['callbackUrl'], callbackUrl);
  });
});
