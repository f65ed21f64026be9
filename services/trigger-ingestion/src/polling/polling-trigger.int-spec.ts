import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EventPublisher } from '@patchbay/platform';
import { uniqueName, type Infrastructure } from '@patchbay/testkit';
import type { DecisionView } from '../persistence/decision-log.repository.js';
import {
  announce,
  collectFired,
  kafkaOf,
  orchestratorPublisher,
  registered,
  resolveInfrastructure,
  retire,
  startService,
  waitFor,
  workflowChange,
  type FiredCollector,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';
import {
  linkedConnection,
  startConnectorStack,
  type ConnectorStack,
} from '../test-support/connector-stack.js';
import { registerChangeFeed, PollingSource, type SourceItem } from '../test-support/polling-source.js';

const at = (base: number, offsetMs: number) => new Date(base + offsetMs).toISOString();

describe('polling triggers: trigger-ingestion schedules, connector-runtime polls (real Kafka, Postgres, Vault)', () => {
  let infra: Infrastructure;
  let stack: ConnectorStack;
  let service: RunningService;
  let publisher: EventPublisher;
  let collector: FiredCollector;
  const source = new PollingSource(2_000);
  const connectorId = `feed-${randomUUID().slice(0, 8)}`;
  const connectionName = uniqueName('feed');
  const settings = {
    PATCHBAY_POLL_BACKOFF_MS: '200',
    PATCHBAY_SCHEDULE_TICK_MS: '100',
    // A group of its own, so this service sees every poll answer (a deploy/local trigger-ingestion on the same
    // Kafka and database is one more replica: it sees them too, and the row lock decides who applies one).
    PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
  };
  const workflow = workflowChange([
    {
      name: 'changes',
      type: 'ApiConnection',
      recurrence: { frequency: 'Second', interval: "@parameters('everySeconds')" },
      splitOn: "@triggerBody()?['value']",
      inputs: {
        host: { connection: { name: connectionName } },
        method: 'get',
        path: '/changes',
        queries: { since: "@parameters('feedStart')" },
      },
      // Workflow parameters the trigger reads, as the orchestrator announces them.
      parameters: { everySeconds: 1, feedStart: '1970-01-01T00:00:00.000Z' },
    },
  ]);

  async function history(): Promise<DecisionView[]> {
    const response = await fetch(
      `${service.baseUrl}/api/triggers/${workflow.workflowId}/changes/history?limit=1000`,
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { decisions: DecisionView[] }).decisions;
  }

  async function polls(): Promise<number> {
    return (await history()).filter((d) => d.outcome === 'polled' || d.outcome === 'fired').length;
  }

  const fired = () => collector.of(workflow.workflowId);
  const firedAtLeast = (n: number) => () => fired().length >= n;

  before(async () => {
    infra = await resolveInfrastructure();
    const port = await source.start();
    stack = await startConnectorStack(infra);
    await registerChangeFeed(stack.runtimeUrl, port, connectorId);
    await linkedConnection(stack, connectionName, connectorId, workflow.workflowId);
    const kafka = kafkaOf(infra);
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    service = await startService(infra, settings);
  });

  after(async () => {
    await retire(publisher, workflow);
    await service?.close();
    await stack?.close();
    await publisher?.disconnect();
    await collector?.stop();
    await source.stop();
  });

  it('fires every item exactly once: overlapping pages, same-second bursts, late items, failures, downtime', async () => {
    const base = Math.floor(Date.now() / 1000) * 1000;
    const item = (id: string, offsetMs: number): SourceItem => ({ id, ts: at(base, offsetMs) });
    // Three items in the same second before the workflow exists: the first poll (since 1970) finds them.
    source.add(item('a1', 0), item('a2', 0), item('a3', 0));
    await announce(publisher, workflow);
    await registered(service, workflow);
    await waitFor(firedAtLeast(3), { timeoutMs: 30_000, description: 'the first three items fired' });

    // A burst of five in one second, and an item that arrives late with an older timestamp than a1..a3.
    source.add(item('b1', 5_000), item('b2', 5_000), item('b3', 5_000), item('b4', 5_000), item('b5', 5_000));
    source.add(item('c1', -1_000));
    await waitFor(firedAtLeast(9), { timeoutMs: 30_000, description: 'the burst and the late item fired' });

    // The source fails until two polls in a row failed: the trigger backs off, then carries on from its cursor.
    // (Counted from the decision log, not from calls: other connector-runtimes on this Kafka may run the same
    // poll request, and their answers are dropped as not the poll in flight. A deploy/local trigger-ingestion
    // on the same database is one more replica, possibly with the default back-off, hence the longer waits.)
    source.failing = true;
    await waitFor(
      async () => (await history()).some((d) => d.outcome === 'error' && d.detail.failures === 2),
      { timeoutMs: 60_000, description: 'two failed polls in a row' },
    );
    source.failing = false;
    source.add(item('d1', 5_000)); // same second as the burst, arriving after it was polled
    await waitFor(firedAtLeast(10), { timeoutMs: 90_000, description: 'the late same-second item fired' });

    // Downtime: items that arrive while trigger-ingestion is stopped fire once it is back.
    await service.close();
    source.add(item('e1', 6_000), item('e2', 6_000));
    service = await startService(infra, settings);
    await waitFor(firedAtLeast(12), { timeoutMs: 30_000, description: 'items of the downtime fired' });

    // Let three more polls see the same overlapping pages, then read everything that was fired.
    const seenPolls = await polls();
    await waitFor(async () => (await polls()) >= seenPolls + 3, {
      timeoutMs: 30_000,
      description: 'three more polls',
    });
    await collector.drain();
    const ids = fired().map((e) => (e.outputs.body as SourceItem).id);
    assert.deepEqual(
      [...ids].sort(),
      ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'b5', 'c1', 'd1', 'e1', 'e2'],
      'each item fired exactly once',
    );
    assert.equal(new Set(fired().map((e) => e.runId)).size, 12, 'one run id per item');

    const decisions = await history();
    const errors = decisions.filter((d) => d.outcome === 'error');
    const counts = errors.map((d) => d.detail.failures as number).sort((a, b) => a - b);
    assert.ok(counts.length >= 2, 'the failures were logged');
    assert.deepEqual(
      counts,
      Array.from({ length: counts.length }, (_, i) => i + 1),
      'counted in a row',
    );
    for (const error of errors)
      assert.equal(
        (error.detail.error as { code: string }).code,
        'HttpStatus500',
        'the source error is named',
      );
    const firing = decisions.filter((d) => d.outcome === 'fired');
    assert.ok(
      firing.some((d) => (d.detail.duplicate as number) > 0),
      'overlapping pages were recognised as duplicates',
    );
    const total = (key: string) => firing.reduce((sum, d) => sum + (d.detail[key] as number), 0);
    assert.equal(total('fired'), 12, 'the decision log accounts for every run');
    const moved = firing.find((d) => d.detail.cursorBefore !== null);
    assert.ok(moved, 'a firing poll started from a stored cursor');
    assert.notDeepEqual(moved.detail.cursorAfter, moved.detail.cursorBefore, 'and moved it');
  });
});
