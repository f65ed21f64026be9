import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { Producer } from 'kafkajs';
import type { TriggerFired } from '@patchbay/contracts';
import type { EventPublisher } from '@patchbay/platform';
import { createTopics, uniqueName, type Infrastructure } from '@patchbay/testkit';
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
  startConnectionStoreFor,
  type ConnectionStoreHandle,
} from '../test-support/connector-stack.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';
import { ServiceProcess } from '../test-support/service-process.js';
import type { KafkaMessageBody } from './kafka-message.js';

const MESSAGES = 240;

/** Message number -> the run ids that carried it. */
function runsPerMessage(events: TriggerFired[]): Map<number, Set<string>> {
  const runs = new Map<number, Set<string>>();
  for (const event of events) {
    const body = event.outputs.body as KafkaMessageBody | KafkaMessageBody[];
    for (const message of Array.isArray(body) ? body : [body]) {
      const n = (message.value as { n: number }).n;
      runs.set(n, (runs.get(n) ?? new Set()).add(event.runId));
    }
  }
  return runs;
}

/**
 * Kafka triggers while replicas are SIGKILLed mid-stream: two trigger-ingestion processes share the user topic's
 * partitions through the trigger's consumer group; one is killed while messages flow, its partitions move to the
 * other after the session timeout, then the other is killed and the first restarted. Offsets are committed only
 * after the runs' trigger.fired events are durable, so a killed replica's uncommitted messages are delivered
 * again, and they must come back as the same runs (run ids from topic, partition, offset, or the recorded batch
 * boundary).
 */
describe('Kafka trigger: replicas SIGKILLed while messages flow (real Kafka, Postgres, Vault, processes)', () => {
  let infra: Infrastructure;
  let database: IsolatedDatabase;
  let store: ConnectionStoreHandle;
  let publisher: EventPublisher;
  let collector: FiredCollector;
  let producer: Producer;
  const replicas: ServiceProcess[] = [];
  const perMessageTopic = uniqueName('user-stream');
  const batchTopic = uniqueName('user-batches');
  const connectionName = uniqueName('user-kafka');
  const provider = (parameters: Record<string, unknown>) => ({
    serviceProviderConfiguration: {
      connectionName,
      operationId: 'receiveMessages',
      serviceProviderId: '/serviceProviders/kafka',
    },
    parameters,
  });
  const workflow = workflowChange([
    {
      name: 'each',
      type: 'ServiceProvider',
      splitOn: '@triggerBody()',
      inputs: provider({ topic: perMessageTopic, startFrom: 'earliest' }),
    },
    {
      name: 'batches',
      type: 'ServiceProvider',
      inputs: provider({ topic: batchTopic, startFrom: 'earliest', maxBatchSize: 7 }),
    },
  ]);
  const of = (trigger: string) => collector.of(workflow.workflowId).filter((e) => e.triggerName === trigger);
  const covered = (trigger: string) => runsPerMessage(of(trigger)).size;

  before(async () => {
    infra = await resolveInfrastructure();
    await createTopics(infra.kafkaBrokers, [
      { topic: perMessageTopic, numPartitions: 3 },
      { topic: batchTopic, numPartitions: 3 },
    ]);
    database = await isolatedDatabase(infra.databaseUrl);
    store = await startConnectionStoreFor({ ...infra, databaseUrl: database.url });
    await linkedConnection(store, connectionName, 'kafka', workflow.workflowId, {
      brokers: infra.kafkaBrokers.join(','),
    });
    const kafka = kafkaOf(infra);
    producer = kafka.producer();
    await producer.connect();
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    const env = {
      DATABASE_URL: database.url,
      CONNECTION_STORE_GRPC_URL: store.grpcUrl,
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
      PATCHBAY_POLL_BACKOFF_MS: '200',
      PATCHBAY_EGRESS_ALLOW: '127.0.0.0/8,::1/128',
    };
    for (let i = 0; i < 2; i += 1) replicas.push(new ServiceProcess(infra, env));
  });

  after(async () => {
    await retire(publisher, workflow);
    for (const replica of replicas) await replica.stop();
    await store?.close();
    await producer?.disconnect();
    await publisher?.disconnect();
    await collector?.stop();
    await database?.drop();
  });

  it('fires every message in exactly one run while replicas are killed and restarted', async (t) => {
    replicas[0]!.start();
    replicas[1]!.start();
    await announce(publisher, workflow);

    // A steady stream on both topics for the whole test, while the replicas die and come back.
    let sent = 0;
    const stream = (async () => {
      while (sent < MESSAGES) {
        const messages = Array.from({ length: 4 }, (_, i) => ({
          key: `k${sent + i}`,
          value: JSON.stringify({ n: sent + i }),
        }));
        await producer.send({ topic: perMessageTopic, messages, acks: -1 });
        await producer.send({ topic: batchTopic, messages, acks: -1 });
        sent += messages.length;
        await delay(100);
      }
    })();

    await waitFor(() => covered('each') >= 40 && covered('batches') >= 40, {
      timeoutMs: 90_000,
      description: 'both triggers firing on two replicas',
    });
    await replicas[0]!.kill(); // mid-stream: its partitions go to the other replica
    const atFirstKill = covered('each');
    await waitFor(() => covered('each') >= atFirstKill + 40, {
      timeoutMs: 90_000,
      description: 'firing goes on after the first kill',
    });
    await replicas[1]!.kill(); // nobody consumes now; the stream goes on
    replicas[0]!.start(); // a restarted replica takes everything over
    await stream;
    await waitFor(() => covered('each') === MESSAGES && covered('batches') === MESSAGES, {
      timeoutMs: 120_000,
      description: `all ${MESSAGES} messages of each topic fired`,
    });
    await collector.drain();

    for (const trigger of ['each', 'batches']) {
      const runs = runsPerMessage(of(trigger));
      assert.deepEqual(
        [...runs.keys()].sort((a, b) => a - b),
        Array.from({ length: MESSAGES }, (_, n) => n),
        `${trigger}: every message fired`,
      );
      const twice = [...runs].filter(([, ids]) => ids.size > 1).map(([n]) => n);
      assert.deepEqual(twice, [], `${trigger}: no message in two different runs`);
    }
    const redelivered = of('each').length - new Set(of('each').map((e) => e.runId)).size;
    // Not asserted (a kill may or may not fall between a publish and its offset commit): for the record.
    t.diagnostic(`events=${of('each').length} redelivered=${redelivered}`);
  });
});
