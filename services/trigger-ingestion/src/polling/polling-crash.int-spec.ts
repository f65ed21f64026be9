import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { EventPublisher } from '@patchbay/platform';
import { uniqueName, type Infrastructure } from '@patchbay/testkit';
import {
  announce,
  collectFired,
  kafkaOf,
  orchestratorPublisher,
  resolveInfrastructure,
  retire,
  waitFor,
  workflowChange,
  type FiredCollector,
} from '../test-support/trigger-ingestion.harness.js';
import {
  linkedConnection,
  startConnectorStack,
  type ConnectorStack,
} from '../test-support/connector-stack.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';
import {
  changeFeedTrigger,
  PollingSource,
  registerChangeFeed,
  type SourceItem,
} from '../test-support/polling-source.js';
import { ServiceProcess } from '../test-support/service-process.js';

const ITEMS = 90;

/**
 * Polling triggers while replicas are SIGKILLed mid-stream: two trigger-ingestion processes share the poll
 * rows (SKIP LOCKED claims, leases) and the poll answers (one consumer group); items keep arriving in the
 * source, same-second bursts included, while one replica is killed, then the other, and the first restarted.
 * A kill between publishing a poll's runs and committing its row makes the next replica apply the same answer
 * again: same poll id, same run ids.
 */
describe('polling triggers: replicas SIGKILLed while items arrive (real Kafka, Postgres, Vault, processes)', () => {
  let infra: Infrastructure;
  let stack: ConnectorStack;
  let database: IsolatedDatabase;
  let publisher: EventPublisher;
  let collector: FiredCollector;
  const replicas: ServiceProcess[] = [];
  const source = new PollingSource(2_000);
  const connectorId = `feed-${randomUUID().slice(0, 8)}`;
  const connectionName = uniqueName('feed');
  const workflow = workflowChange([changeFeedTrigger(connectionName)]);
  const runsPerItem = () => {
    const runs = new Map<string, Set<string>>();
    for (const event of collector.of(workflow.workflowId)) {
      const id = (event.outputs.body as SourceItem).id;
      runs.set(id, (runs.get(id) ?? new Set()).add(event.runId));
    }
    return runs;
  };

  before(async () => {
    infra = await resolveInfrastructure();
    const port = await source.start();
    stack = await startConnectorStack(infra);
    await registerChangeFeed(stack.runtimeUrl, port, connectorId);
    await linkedConnection(stack, connectionName, connectorId, workflow.workflowId);
    database = await isolatedDatabase(infra.databaseUrl);
    const kafka = kafkaOf(infra);
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    const env = {
      DATABASE_URL: database.url,
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
      PATCHBAY_SCHEDULE_TICK_MS: '100',
      PATCHBAY_POLL_BACKOFF_MS: '200',
      // A poll lost with a killed replica's request is replaced after this (+30 s of grace).
      PATCHBAY_POLL_TIMEOUT_MS: '5000',
    };
    for (let i = 0; i < 2; i += 1) replicas.push(new ServiceProcess(infra, env));
  });

  after(async () => {
    await retire(publisher, workflow);
    for (const replica of replicas) await replica.stop();
    await stack?.close();
    await publisher?.disconnect();
    await collector?.stop();
    await database?.drop();
    await source.stop();
  });

  it('fires every item exactly once while replicas are killed and restarted', async (t) => {
    replicas[0]!.start();
    replicas[1]!.start();
    await announce(publisher, workflow);

    // Items arrive for the whole test, three at a time with one timestamp (same-second bursts).
    let added = 0;
    const arrivals = (async () => {
      while (added < ITEMS) {
        const ts = new Date().toISOString();
        for (let i = 0; i < 3; i += 1) source.add({ id: `i${added + i}`, ts });
        added += 3;
        await delay(700); // the stream spans some thirty polls of the one-second recurrence
      }
    })();

    await waitFor(() => runsPerItem().size >= 15, { timeoutMs: 60_000, description: 'items firing' });
    await replicas[0]!.kill(); // mid-stream
    const atFirstKill = runsPerItem().size;
    await waitFor(() => runsPerItem().size >= atFirstKill + 15, {
      timeoutMs: 90_000,
      description: 'firing goes on after the first kill',
    });
    await replicas[1]!.kill();
    replicas[0]!.start();
    await arrivals;
    await waitFor(() => runsPerItem().size === ITEMS, {
      timeoutMs: 120_000,
      description: `all ${ITEMS} items fired`,
    });
    await collector.drain();

    const runs = runsPerItem();
    assert.deepEqual(
      [...runs.keys()].sort(),
      Array.from({ length: ITEMS }, (_, i) => `i${i}`).sort(),
      'every item fired',
    );
    const twice = [...runs].filter(([, ids]) => ids.size > 1).map(([id]) => id);
    assert.deepEqual(twice, [], 'no item fired as two different runs');
    const events = collector.of(workflow.workflowId).length;
    t.diagnostic(`events=${events} runs=${ITEMS} source_calls=${source.calls}`);
  });
});
