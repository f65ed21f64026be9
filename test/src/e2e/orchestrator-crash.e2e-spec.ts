import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '@patchbay/testkit';

import { useGreeterFixture } from '../support/greeter-fixture.js';
import { deployGreeter } from '../support/greeter-workflow.js';
import { expectJson, requestJson } from '../support/http-json.js';
import { killService, startService } from '../support/service-process.js';
import { callWhenKnown } from '../support/webhook.js';

const CALLS = 120;
const CONCURRENCY = 4;
const KILL_AFTER = 30;

/**
 * Durability: a stream of webhook calls while the orchestrator is SIGKILLed and restarted. Every call that
 * got a 2xx must have produced exactly one run, and every run must complete.
 */
describe('orchestrator killed mid-stream', () => {
  const fixture = useGreeterFixture();

  it('turns every acknowledged call into exactly one completed run', async () => {
    const greeter = await deployGreeter(fixture.platform, {
      targetUrl: fixture.target.url,
      apiKey: fixture.apiKey,
      respond: false,
    });
    const first = await callWhenKnown<{ runId: string }>(greeter.callbackUrl, { name: 'first' });
    assert.equal(first.status, 202);

    const acknowledged: string[] = [first.body.runId];
    const refused: number[] = [];
    let sent = 1;
    let restart: Promise<void> | undefined;
    const worker = async (): Promise<void> => {
      while (sent < CALLS) {
        sent += 1;
        const answer = await requestJson<{ runId: string }>('POST', greeter.callbackUrl, {
          name: `call-${sent}`,
        });
        if (answer.status === 202) acknowledged.push(answer.body.runId);
        else refused.push(answer.status);
        if (restart === undefined && acknowledged.length >= KILL_AFTER) {
          // Set before any await, so exactly one worker kills; the others keep calling meanwhile.
          restart = killService(fixture.platform, 'orchestrator').then(() =>
            startService(fixture.platform, 'orchestrator'),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    assert.ok(restart !== undefined, 'the orchestrator was killed');
    await restart;

    // Calls do not depend on the orchestrator being up: trigger-ingestion acknowledges once Kafka has the event.
    assert.deepEqual(refused, [], 'no call was refused');
    assert.equal(new Set(acknowledged).size, acknowledged.length, 'run ids are unique');

    const runs = await waitFor(
      async () => {
        const list = await expectJson<{ id: string; status: string }[]>(
          [200],
          'GET',
          `${fixture.platform.orchestratorUrl}/api/workflows/${greeter.workflowId}/runs?top=500`,
        );
        const done = list.filter((r) => r.status !== 'Running');
        return done.length >= acknowledged.length ? list : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: `${acknowledged.length} runs to complete` },
    );
    const ids = runs.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'no run appears twice');
    assert.deepEqual([...ids].sort(), [...acknowledged].sort(), 'exactly one run per acknowledged call');
    assert.deepEqual(
      runs.filter((r) => r.status !== 'Succeeded'),
      [],
      'every run succeeded',
    );
    // The Http action may run twice for a run whose completion was not yet committed when the orchestrator
    // died (at-least-once delivery; the Idempotency-Key header lets the target drop the repeat).
    assert.ok(fixture.target.accepted >= acknowledged.length);
  });
});
