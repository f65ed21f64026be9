import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kafka, Producer } from 'kafkajs';
import type { EventPublisher } from '@patchbay/platform';
import { createTopics, uniqueName, withKafkaAdmin, type Infrastructure } from '@patchbay/testkit';
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
  startConnectionStoreFor,
  type ConnectionStoreHandle,
} from '../test-support/connector-stack.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';
import type { KafkaMessageBody } from './kafka-message.js';

/** A separate topic on the local Kafka stands for a topic of the user's own Kafka. */
describe('Kafka trigger: a workflow subscribed to a topic of the user Kafka (real Kafka, Postgres, Vault)', () => {
  let infra: Infrastructure;
  let store: ConnectionStoreHandle;
  let database: IsolatedDatabase;
  let service: RunningService;
  let publisher: EventPublisher;
  let collector: FiredCollector;
  let kafka: Kafka;
  let producer: Producer;
  const ordersTopic = uniqueName('user-orders');
  const auditTopic = uniqueName('user-audit');
  const ordersGroup = uniqueName('orders-group');
  const connectionName = uniqueName('user-kafka');
  // The same Kafka through an address the egress rules refuse (127.0.0.2 is loopback too, but denied by name).
  const walledConnection = uniqueName('walled-kafka');
  const provider = (parameters: Record<string, unknown>, connection = connectionName) => ({
    serviceProviderConfiguration: {
      connectionName: connection,
      operationId: 'receiveMessages',
      serviceProviderId: '/serviceProviders/kafka',
    },
    parameters,
  });
  const workflow = workflowChange([
    {
      name: 'orders',
      type: 'ServiceProvider',
      splitOn: '@triggerBody()',
      inputs: provider({ topic: ordersTopic, consumerGroup: ordersGroup, startFrom: 'earliest' }),
    },
    {
      name: 'audit',
      type: 'ServiceProvider',
      inputs: provider({ topic: auditTopic, startFrom: 'earliest', maxBatchSize: 4 }),
    },
    { name: 'broken', type: 'ServiceProvider', inputs: provider({ startFrom: 'sometime' }) },
    {
      name: 'walled',
      type: 'ServiceProvider',
      inputs: provider({ topic: ordersTopic, consumerGroup: uniqueName('walled-group') }, walledConnection),
    },
  ]);

  const start = () =>
    startService(infra, {
      CONNECTION_STORE_GRPC_URL: store.grpcUrl,
      PATCHBAY_POLL_BACKOFF_MS: '200',
      DATABASE_URL: database.url,
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
      // The local Kafka stands on loopback, which egress denies unless allowed; one loopback address stays denied.
      PATCHBAY_EGRESS_ALLOW: '127.0.0.0/8,::1/128',
      PATCHBAY_EGRESS_RULES: JSON.stringify([
        { name: 'no-127-0-0-2', effect: 'deny', cidrs: ['127.0.0.2/32'] },
      ]),
    });

  async function history(trigger: string): Promise<DecisionView[]> {
    const response = await fetch(
      `${service.baseUrl}/api/triggers/${workflow.workflowId}/${trigger}/history?limit=1000`,
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { decisions: DecisionView[] }).decisions;
  }

  async function produce(topic: string, from: number, to: number): Promise<void> {
    const messages = [];
    for (let n = from; n < to; n += 1)
      messages.push({ key: `k${n}`, value: JSON.stringify({ n }), headers: { source: 'test' } });
    await producer.send({ topic, messages, acks: -1 });
  }

  const of = (trigger: string) => collector.of(workflow.workflowId).filter((e) => e.triggerName === trigger);
  const orderNumbers = () =>
    of('orders').map((e) => ((e.outputs.body as KafkaMessageBody).value as { n: number }).n);
  const auditNumbers = () =>
    of('audit').flatMap((e) =>
      (e.outputs.body as KafkaMessageBody[]).map((m) => (m.value as { n: number }).n),
    );
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  before(async () => {
    infra = await resolveInfrastructure();
    await createTopics(infra.kafkaBrokers, [
      { topic: ordersTopic, numPartitions: 3 },
      { topic: auditTopic, numPartitions: 2 },
    ]);
    // A database of its own for trigger-ingestion and connection-store: a deploy/local trigger-ingestion on
    // the same Kafka sees this workflow too, but cannot resolve its connection, so it does not join the group.
    database = await isolatedDatabase(infra.databaseUrl);
    store = await startConnectionStoreFor({ ...infra, databaseUrl: database.url });
    await linkedConnection(store, connectionName, 'kafka', workflow.workflowId, {
      brokers: infra.kafkaBrokers.join(','),
    });
    await linkedConnection(store, walledConnection, 'kafka', workflow.workflowId, {
      brokers: infra.kafkaBrokers.map((b) => b.replace(/^[^:]+:/, '127.0.0.2:')).join(','),
    });
    kafka = kafkaOf(infra);
    producer = kafka.producer();
    await producer.connect();
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    service = await start();
  });

  after(async () => {
    await retire(publisher, workflow);
    await service?.close();
    await store?.close();
    await producer?.disconnect();
    await publisher?.disconnect();
    await collector?.stop();
    await database?.drop();
  });

  it('fires one run per message (splitOn) or per batch, once each, across a restart; commits what fired', async () => {
    await produce(ordersTopic, 0, 10);
    await produce(auditTopic, 0, 10);
    await announce(publisher, workflow);
    await registered(service, workflow);
    await waitFor(() => orderNumbers().length >= 10 && auditNumbers().length >= 10, {
      timeoutMs: 60_000,
      description: 'the first messages fired',
    });

    // Messages that arrive while trigger-ingestion is down fire when it is back, and the earlier ones do not
    // fire again: their offsets were committed once their trigger.fired events were durable.
    await service.close();
    await produce(ordersTopic, 10, 15);
    await produce(auditTopic, 10, 13);
    service = await start();
    await waitFor(() => orderNumbers().length >= 15 && auditNumbers().length >= 13, {
      timeoutMs: 60_000,
      description: 'the messages of the downtime fired',
    });
    await waitFor(
      async () =>
        withKafkaAdmin(infra.kafkaBrokers, async (admin) => {
          const [committed] = await admin.fetchOffsets({ groupId: ordersGroup, topics: [ordersTopic] });
          return committed!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) === 15;
        }),
      { timeoutMs: 30_000, description: 'offsets of all 15 order messages committed' },
    );
    await collector.drain();

    assert.deepEqual(
      [...orderNumbers()].sort((a, b) => a - b),
      range(15),
      'each order message fired once',
    );
    assert.equal(new Set(of('orders').map((e) => e.runId)).size, 15, 'one run per message');
    const first = of('orders').find((e) => (e.outputs.body as KafkaMessageBody).key === 'k0')!;
    assert.deepEqual((first.outputs.body as KafkaMessageBody).headers, { source: 'test' });
    assert.deepEqual(
      [...auditNumbers()].sort((a, b) => a - b),
      range(13),
      'each audit message in one batch',
    );
    for (const batch of of('audit'))
      assert.ok((batch.outputs.body as unknown[]).length <= 4, 'batches respect maxBatchSize');

    assert.ok((await history('orders')).some((d) => d.outcome === 'subscribed'));
    await waitFor(async () => (await history('broken')).some((d) => d.outcome === 'error'), {
      timeoutMs: 30_000,
      description: 'the broken trigger reports why it does not run',
    });
    const broken = (await history('broken')).find((d) => d.outcome === 'error')!;
    const message = (broken.detail.error as { message: string }).message;
    assert.match(message, /inputs\.parameters\.topic/);
    assert.match(message, /inputs\.parameters\.startFrom/);

    // A broker the egress rules refuse: no consumer, and the decision log names the broker and the rule.
    await waitFor(async () => (await history('walled')).some((d) => d.outcome === 'error'), {
      timeoutMs: 30_000,
      description: 'the walled trigger reports the egress refusal',
    });
    const walled = (await history('walled')).find((d) => d.outcome === 'error')!;
    const refusal = walled.detail.error as { code: string; message: string };
    assert.equal(refusal.code, 'EgressDenied');
    assert.match(refusal.message, /Kafka broker 127\.0\.0\.2:\d+ .*egress rule 'no-127-0-0-2'/);
    assert.ok(!(await history('walled')).some((d) => d.outcome === 'subscribed' || d.outcome === 'fired'));
  });
});
