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
 * Durability of the webhook intake: a burst of webhook calls while trigger-ingestion itself is SIGKILLed and
 * restarted. A 2xx is sent only after trigger.fired is durable in Kafka, so every call that got one must have
 * produced exactly one run. Calls cut off by the kill got no 2xx; a few of them may still have started a run
 * (published, then killed before answering), never more runs than such calls.
 */
describe('trigger-ingestion killed during a burst of webhook calls', () => {
  const fixture = useGreeterFixture();

  it('turns every call that got a 2xx into exactly one run', async (t) => {
    const greeter = await deployGreeter(fixture.platform, {
      targetUrl: fixture.target.url,
      apiKey: fixture.apiKey,
      respond: false,
    });
    const first = await callWhenKnown<{ runId: string }>(greeter.callbackUrl, { name: 'first' });
    assert.equal(first.status, 202);

    const acknowledged: string[] = [first.body.runId];
    const unanswered: string[] = []; // connection refused or reset: no 2xx
    const otherStatuses: number[] = [];
    let sent = 1;
    let restart: Promise<void> | undefined;
    const worker = async (): Promise<void> => {
      while (sent < CALLS) {
        sent += 1;
        try {
          const answer = await requestJson<{ runId: string }>('POST', greeter.callbackUrl, {
            name: `call-${sent}`,
          });
          if (answer.status === 202) acknowledged.push(answer.body.runId);
          else otherStatuses.push(answer.status);
        } catch (error) {
          unanswered.push(
            error instanceof Error
              ? ((error.cause as Error | undefined)?.message ?? error.message)
              : String(error),
          );
          // The service is down: go on calling once it is back (the restart resolves when it is ready).
          await restart;
        }
        if (restart === undefined && acknowledged.length >= KILL_AFTER) {
          // Set before any await, so exactly one worker kills; the others keep calling meanwhile.
          restart = killService(fixture.platform, 'trigger-ingestion').then(() =>
            startService(fixture.platform, 'trigger-ingestion'),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    assert.ok(restart !== undefined, 'trigger-ingestion was killed');
    await restart;
    assert.ok(unanswered.length > 0, 'some calls met the dead service (the kill happened mid-burst)');
    // A restarted replica may answer 503 until it has replayed the workflows; nothing else is expected.
    assert.deepEqual(
      otherStatuses.filter((s) => s !== 503),
      [],
      'calls were either acknowledged or found the service down or not yet ready',
    );
    assert.equal(new Set(acknowledged).size, acknowledged.length, 'run ids are unique');

    const runs = await waitFor(
      async () => {
        const list = await expectJson<{ id: string; status: string }[]>(
          [200],
          'GET',
          `${fixture.platform.orchestratorUrl}/api/workflows/${greeter.workflowId}/runs?top=500`,
        );
        const ids = new Set(list.map((r) => r.id));
        return acknowledged.every((id) => ids.has(id)) && list.every((r) => r.status !== 'Running')
          ? list
          : undefined;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        description: `${acknowledged.length} acknowledged runs to complete`,
      },
    );
    const ids = runs.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'no run appears twice');
    const extra = ids.filter((id) => !acknowledged.includes(id));
    assert.ok(
      extra.length <= unanswered.length,
      `runs without a 2xx (${extra.length}) come only from calls cut off by the kill (${unanswered.length})`,
    );
    t.diagnostic(
      `acknowledged=${acknowledged.length} unanswered=${unanswered.length} runs=${ids.length} extra=${extra.length}`,
    );
    assert.deepEqual(
      runs.filter((r) => r.status !== 'Succeeded'),
      [],
      'every run succeeded',
    );
  });
});
