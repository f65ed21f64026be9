import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callbackPath, Topics, type RunEvent } from '@patchbay/contracts';
import type { EventPublisher } from '@patchbay/platform';
import { uniqueName, type Infrastructure } from '@patchbay/testkit';
import {
  announce,
  collectFired,
  kafkaOf,
  orchestratorPublisher,
  registered,
  resolveInfrastructure,
  SIGNING_KEY,
  startService,
  waitFor,
  workflowChange,
  type FiredCollector,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';

describe('trigger concurrency: runs limit, waiting queue, SingleInstance (real Kafka, Postgres)', () => {
  let infra: Infrastructure;
  let service: RunningService;
  let publisher: EventPublisher;
  let collector: FiredCollector;
  let database: IsolatedDatabase;
  const workflow = workflowChange([
    {
      name: 'limited',
      type: 'Request',
      kind: 'Http',
      runtimeConfiguration: { concurrency: { runs: 2, maximumWaitingRuns: 3 } },
    },
    { name: 'single', type: 'Request', kind: 'Http', operationOptions: 'SingleInstance' },
  ]);

  async function call(
    trigger: string,
    n: number,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(
      `${service.baseUrl}${callbackPath(SIGNING_KEY, workflow.workflowId, trigger, 0)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function runId(trigger: string, n: number): Promise<string> {
    const answer = await call(trigger, n);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    return (answer.body.runIds as string[] | undefined)?.[0] ?? (answer.body.runId as string);
  }

  async function finish(trigger: string, id: string): Promise<void> {
    const event: RunEvent = {
      kind: 'run.finished',
      runId: id,
      workflowId: workflow.workflowId,
      triggerName: trigger,
      status: 'Succeeded',
      at: new Date().toISOString(),
    };
    await publisher.publish(Topics.runEvent, event, { key: id });
  }

  const fired = (trigger: string) =>
    collector
      .of(workflow.workflowId)
      .filter((e) => e.triggerName === trigger)
      .map((e) => e.runId);

  /** Waits until `n` runs of the trigger fired, then checks that no more did. */
  async function exactlyFired(trigger: string, n: number): Promise<string[]> {
    await waitFor(() => fired(trigger).length >= n, {
      timeoutMs: 20_000,
      description: `${n} ${trigger} runs`,
    });
    await collector.drain();
    assert.equal(fired(trigger).length, n, `exactly ${n} ${trigger} runs started`);
    return fired(trigger);
  }

  before(async () => {
    infra = await resolveInfrastructure();
    const kafka = kafkaOf(infra);
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    // A group and a database of its own: a deploy/local trigger-ingestion on the same Kafka and Postgres would
    // otherwise act as another replica (possibly an older build).
    database = await isolatedDatabase(infra.databaseUrl);
    service = await startService(infra, {
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
      DATABASE_URL: database.url,
    });
    await announce(publisher, workflow);
    await registered(service, workflow);
  });

  after(async () => {
    await service?.close();
    await publisher?.disconnect();
    await collector?.stop();
    await database?.drop();
  });

  it('starts at most `runs` at once, queues up to maximumWaitingRuns in order, refuses more with 429', async () => {
    const accepted: string[] = [];
    for (let n = 0; n < 5; n += 1) accepted.push(await runId('limited', n));
    const refused = await call('limited', 5);
    assert.equal(refused.status, 429);
    const error = refused.body.error as { code: string; message: string };
    assert.equal(error.code, 'TOO_MANY_WAITING_RUNS');
    assert.match(error.message, /maximumWaitingRuns/);

    assert.deepEqual(await exactlyFired('limited', 2), accepted.slice(0, 2), 'the two oldest run');
    await finish('limited', accepted[0]!);
    assert.deepEqual(
      await exactlyFired('limited', 3),
      accepted.slice(0, 3),
      'a finished run lets the next start',
    );
    await finish('limited', accepted[1]!);
    await finish('limited', accepted[2]!);
    assert.deepEqual(await exactlyFired('limited', 5), accepted, 'waiting runs start oldest first');
    // The queue is empty again: a new call is accepted and waits for a slot (two runs are still active).
    const later = await runId('limited', 6);
    assert.deepEqual(await exactlyFired('limited', 5), accepted);
    await finish('limited', accepted[3]!);
    assert.deepEqual(await exactlyFired('limited', 6), [...accepted, later]);

    const history = (await (
      await fetch(`${service.baseUrl}/api/triggers/${workflow.workflowId}/limited/history`)
    ).json()) as { decisions: { outcome: string }[] };
    assert.ok(
      history.decisions.some((d) => d.outcome === 'rejected'),
      'the refusal is in the decision log',
    );
  });

  it('SingleInstance runs one at a time', async () => {
    const accepted = [await runId('single', 0), await runId('single', 1), await runId('single', 2)];
    assert.deepEqual(await exactlyFired('single', 1), accepted.slice(0, 1));
    await finish('single', accepted[0]!);
    assert.deepEqual(await exactlyFired('single', 2), accepted.slice(0, 2));
    await finish('single', accepted[1]!);
    assert.deepEqual(await exactlyFired('single', 3), accepted);
  });
});
