import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '@patchbay/testkit';

import { useGreeterFixture } from '../support/greeter-fixture.js';
import { deployGreeter, greeterDefinition } from '../support/greeter-workflow.js';
import { expectJson, postOversized, requestJson } from '../support/http-json.js';
import { callWhenKnown } from '../support/webhook.js';

interface RunView {
  id: string;
  status: string;
  startTime: string;
  endTime: string | null;
  actions: Record<
    string,
    { status: string; inputs?: unknown; outputs?: unknown; startTime?: string; endTime?: string }
  >;
}

/**
 * The first workflow through all four services over real Kafka, Postgres and Vault: Request -> Http with an
 * API key from a connection -> Response, deployed through the orchestrator's REST API.
 */
describe('first workflow end to end', () => {
  const fixture = useGreeterFixture();

  it('answers the caller from the Response action, using the API key from Vault, and records the run', async () => {
    const greeter = await deployGreeter(fixture.platform, {
      targetUrl: fixture.target.url,
      apiKey: fixture.apiKey,
      respond: true,
    });
    const answer = await callWhenKnown<{ greeting: string; runId: string }>(greeter.callbackUrl, {
      name: 'Ada',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.greeting, 'Hello, Ada!');
    const runId = answer.headers.get('x-ms-workflow-run-id');
    assert.equal(answer.body.runId, runId);
    // At least once: a Kafka rebalance may deliver the attempt twice, always with the same Idempotency-Key.
    assert.ok(fixture.target.accepted >= 1);
    const keys = new Set(fixture.target.seenHeaders.map((h) => h['idempotency-key']));
    assert.equal(keys.size, 1, `one idempotency key for the one attempt, got ${[...keys].join(', ')}`);
    assert.ok([...keys][0], 'the target was given an Idempotency-Key');

    const run = await waitFor(
      async () => {
        const view = await expectJson<RunView>(
          [200],
          'GET',
          `${fixture.platform.orchestratorUrl}/api/runs/${runId}`,
        );
        return view.status === 'Running' ? undefined : view;
      },
      { timeoutMs: 30_000, description: `run ${runId} to finish` },
    );
    assert.equal(run.status, 'Succeeded');
    assert.equal(run.actions['Call_greeter']?.status, 'Succeeded');
    assert.equal(run.actions['Respond']?.status, 'Succeeded');
    assert.deepEqual((run.actions['Call_greeter']?.outputs as { body: unknown }).body, {
      greeting: 'Hello, Ada!',
    });
    assert.ok(run.endTime !== null && Date.parse(run.endTime) >= Date.parse(run.startTime));
    assert.ok(run.actions['Call_greeter']?.startTime && run.actions['Call_greeter'].endTime);
    // The secret was applied by connector-runtime and is nowhere in the history.
    assert.ok(!JSON.stringify(run).includes(fixture.apiKey), 'the API key must not appear in run history');

    const runs = await expectJson<{ id: string }[]>(
      [200],
      'GET',
      `${fixture.platform.orchestratorUrl}/api/workflows/${greeter.workflowId}/runs`,
    );
    assert.deepEqual(
      runs.map((r) => r.id),
      [runId],
    );
  });

  it('fails the run and answers 502 when the workflow is not linked to the connection', async () => {
    const greeter = await deployGreeter(fixture.platform, {
      targetUrl: fixture.target.url,
      apiKey: fixture.apiKey,
      respond: true,
      link: false,
    });
    const before = fixture.target.accepted + fixture.target.refused;
    const answer = await callWhenKnown(greeter.callbackUrl, { name: 'Eve' });
    assert.equal(answer.status, 502, JSON.stringify(answer.body));
    assert.equal(fixture.target.accepted + fixture.target.refused, before, 'no call may reach the target');
    const runId = answer.headers.get('x-ms-workflow-run-id');
    const run = await expectJson<RunView & { error?: unknown }>(
      [200],
      'GET',
      `${fixture.platform.orchestratorUrl}/api/runs/${runId}`,
    );
    assert.equal(run.status, 'Failed');
    assert.equal(run.actions['Call_greeter']?.status, 'Failed');
    assert.match(JSON.stringify(run.actions['Call_greeter']), /ConnectionAccessDenied|not linked/);
  });

  it('stops a workflow at once when it is unlinked from its connection (no cached access)', async () => {
    const greeter = await deployGreeter(fixture.platform, {
      targetUrl: fixture.target.url,
      apiKey: fixture.apiKey,
      respond: true,
    });
    const allowed = await callWhenKnown(greeter.callbackUrl, { name: 'before' });
    assert.equal(allowed.status, 200, 'linked: the resolution is now cached by connector-runtime');
    await expectJson(
      [204],
      'DELETE',
      `${fixture.platform.connectionStoreUrl}/api/connections/${greeter.connectionName}/links/${greeter.workflowId}`,
    );
    // connection.changed reaches connector-runtime within moments; the cache TTL is a minute.
    const refused = await waitFor(
      async () => {
        const answer = await requestJson('POST', greeter.callbackUrl, { name: 'after' });
        return answer.status === 502 ? answer : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250, description: 'the unlinked workflow to be refused' },
    );
    assert.equal(refused.status, 502);
  });

  it('refuses bad callbacks with 401, 404 and 413 and starts nothing', async () => {
    const greeter = await deployGreeter(fixture.platform, {
      targetUrl: fixture.target.url,
      apiKey: fixture.apiKey,
      respond: false,
    });
    const good = await callWhenKnown<{ runId: string; statusUrl: string }>(greeter.callbackUrl, {
      name: 'warm-up',
    });
    assert.equal(good.status, 202);
    // The status URL of a 202 leads to the run (the orchestrator's run API) once the run has started.
    const status = await waitFor(
      async () => {
        const answer = await requestJson<{ id: string }>('GET', good.body.statusUrl);
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 30_000, description: `GET ${good.body.statusUrl} to answer 200` },
    );
    assert.equal(status.body.id, good.body.runId);

    const badSignature = new URL(greeter.callbackUrl);
    badSignature.searchParams.set('sig', 'A'.repeat(43));
    assert.equal((await requestJson('POST', badSignature.href, { name: 'x' })).status, 401);
    const noSignature = new URL(greeter.callbackUrl);
    noSignature.searchParams.delete('sig');
    assert.equal((await requestJson('POST', noSignature.href, { name: 'x' })).status, 401);

    const unknown = new URL(greeter.callbackUrl);
    unknown.pathname = unknown.pathname.replace(greeter.workflowId, '00000000-0000-4000-8000-000000000000');
    assert.equal((await requestJson('POST', unknown.href, { name: 'x' })).status, 404);

    const huge = { status: await postOversized(greeter.callbackUrl, 11 * 1024 * 1024) };
    assert.equal(huge.status, 413);

    await waitFor(
      async () => {
        const runs = await expectJson<{ status: string }[]>(
          [200],
          'GET',
          `${fixture.platform.orchestratorUrl}/api/workflows/${greeter.workflowId}/runs`,
        );
        return runs.length === 1 && runs[0]?.status === 'Succeeded';
      },
      { timeoutMs: 30_000, description: 'exactly the warm-up run, finished' },
    );
  });

  it('rejects an invalid definition with 400 naming every problem by JSON path', async () => {
    const definition = greeterDefinition(true, 'c') as { actions: Record<string, Record<string, unknown>> };
    definition.actions['Respond'] = {
      ...definition.actions['Respond'],
      runAfter: { Nowhere: ['Succeeded'] },
    };
    definition.actions['Call_greeter'] = { ...definition.actions['Call_greeter'], type: 'NoSuchType' };
    const answer = await requestJson<{ error: { problems: { path: string }[] } }>(
      'POST',
      `${fixture.platform.orchestratorUrl}/api/workflows`,
      { name: 'broken', definition },
    );
    assert.equal(answer.status, 400);
    const paths = answer.body.error.problems.map((p) => p.path).join('\n');
    assert.match(paths, /actions\.Call_greeter\.type/);
    assert.match(paths, /actions\.Respond\.runAfter/);
  });
});
