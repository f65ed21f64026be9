import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName, waitFor } from '@patchbay/testkit';

import { expectJson, requestJson } from '../support/http-json.js';
import { resolvePlatform } from '../support/platform.js';
import { callWhenKnown } from '../support/webhook.js';

/**
 * A run that never finishes (here a Wait of an hour; in life a callback that never comes) holds the only slot of
 * a trigger limited to one run at a time, and the next call waits in trigger-ingestion's queue. Cancelling it in
 * the orchestrator publishes its run.finished, trigger-ingestion frees the slot, and the waiting run starts:
 * through all the services, on real Kafka and Postgres. (The maximum run duration ends such runs the same way.)
 */
describe('a run that never finishes does not keep its trigger slot', () => {
  it('cancelling the running run starts the one waiting for the slot', async () => {
    const platform = await resolvePlatform();
    const workflow = await expectJson<{ id: string }>(
      [201],
      'POST',
      `${platform.orchestratorUrl}/api/workflows`,
      {
        name: uniqueName('slot'),
        definition: {
          triggers: {
            manual: {
              type: 'Request',
              kind: 'Http',
              runtimeConfiguration: { concurrency: { runs: 1, maximumWaitingRuns: 5 } },
            },
          },
          actions: { waitForever: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } } } },
        },
      },
    );
    const callback = await expectJson<{ value: string }>(
      [200],
      'GET',
      `${platform.orchestratorUrl}/api/workflows/${workflow.id}/triggers/manual/callback-url`,
    );
    const statusOf = async (runId: string) => {
      const answer = await requestJson<{ status: string }>(
        'GET',
        `${platform.orchestratorUrl}/api/runs/${runId}`,
      );
      return answer.status === 200 ? answer.body.status : `HTTP ${answer.status}`;
    };

    const first = await callWhenKnown<{ runId: string }>(callback.value, { n: 1 });
    assert.equal(first.status, 202);
    await waitFor(async () => (await statusOf(first.body.runId)) === 'Running', {
      timeoutMs: 30_000,
      description: 'the first run holds the slot',
    });
    const second = await requestJson<{ runId: string }>('POST', callback.value, { n: 2 });
    assert.equal(second.status, 202, JSON.stringify(second.body));
    assert.equal(await statusOf(second.body.runId), 'HTTP 404', 'the second run waits for the slot');

    const cancelled = await expectJson<{ status: string }>(
      [200],
      'POST',
      `${platform.orchestratorUrl}/api/runs/${first.body.runId}/cancel`,
    );
    assert.equal(cancelled.status, 'Cancelled');
    await waitFor(async () => (await statusOf(second.body.runId)) === 'Running', {
      timeoutMs: 60_000,
      description: 'the waiting run started once the cancelled one freed the slot',
    });
    assert.equal(await statusOf(first.body.runId), 'Cancelled');

    await expectJson([200], 'POST', `${platform.orchestratorUrl}/api/runs/${second.body.runId}/cancel`);
    await expectJson([204], 'DELETE', `${platform.orchestratorUrl}/api/workflows/${workflow.id}`);
  });
});
