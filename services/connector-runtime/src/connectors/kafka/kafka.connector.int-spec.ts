import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { ConnectorRegistry, requireAction, type RegisteredAction } from '@patchbay/connector-sdk';
import { createTopics, resolveInfrastructure, uniqueName, waitFor } from '@patchbay/testkit';
import { EgressGuard } from '../../egress/egress-guard.js';
import { EgressPolicy } from '@patchbay/egress';
import { operationContext, runAction, testGuard } from '../../test-support/operation-harness.js';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import { kafkaConnector } from './kafka.connector.js';

describe('kafka connector against a real Kafka', () => {
  let action: RegisteredAction;
  let connection: ResolvedConnectionData;
  let brokers: readonly string[];
  const topic = uniqueName('pb-kafka-send');
  const guard = testGuard();

  before(async () => {
    ({ kafkaBrokers: brokers } = await resolveInfrastructure());
    await createTopics(brokers, [{ topic, numPartitions: 1 }]);
    action = requireAction(new ConnectorRegistry().register(kafkaConnector(20_000)), 'sendMessage');
    connection = {
      connectionId: 'c-kafka',
      connectionName: 'kafka',
      connectorId: 'kafka',
      authType: 'none',
      parameters: { brokers: brokers.join(',') },
      secrets: {},
    };
  });
  after(() => guard.close());

  it('sends a message with key, headers and the idempotency key, and it can be read back', async () => {
    const outcome = await runAction(
      action,
      { topic, key: 'order-7', value: { total: 42 }, headers: { source: 'test' } },
      operationContext(guard, { connection, idempotencyKey: 'run-9/Send/0', budgetMs: 20_000 }),
    );
    assert.equal(outcome.status, 'Succeeded', JSON.stringify(outcome.error));
    const body = (outcome.outputs as { body: { topic: string; partition: number; offset: string } }).body;
    assert.equal(body.topic, topic);
    assert.equal(body.partition, 0);

    const consumer = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).consumer({
      groupId: uniqueName('pb-read'),
    });
    const seen: { key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        seen.push({ key: String(message.key), value: String(message.value), headers });
      },
    });
    await waitFor(() => seen.length > 0, { timeoutMs: 20_000, description: 'the sent message' });
    await consumer.disconnect();
    assert.deepEqual(seen[0], {
      key: 'order-7',
      value: '{"total":42}',
      headers: { source: 'test', 'patchbay-idempotency-key': 'run-9/Send/0' },
    });
  });

  it('is refused by egress for brokers on a denied address, naming the rule', async () => {
    const strict = new EgressGuard(new EgressPolicy([]), 1_000);
    const outcome = await runAction(
      action,
      { topic, value: 'x' },
      operationContext(strict, { connection, budgetMs: 10_000 }),
    );
    await strict.close();
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.error?.code, 'EgressDenied');
    assert.match(outcome.error.message, /default-deny-loopback/);
  });

  it('declares a connection test: the cluster answers; an address without a broker fails as unreachable', async () => {
    const declaration = kafkaConnector(20_000);
    await declaration.testConnection!(operationContext(guard, { connection, budgetMs: 20_000 }));
    const nowhere = { ...connection, parameters: { brokers: '127.0.0.1:1' } };
    await assert.rejects(
      declaration.testConnection!(operationContext(guard, { connection: nowhere, budgetMs: 5_000 })),
      (error: unknown) => (error as { code?: string }).code === 'TargetUnreachable',
    );
  });

  it('invalid topic names fail before connecting', async () => {
    const outcome = await runAction(
      action,
      { topic: 'bad topic!', value: 1 },
      operationContext(guard, { connection }),
    );
    assert.equal(outcome.error?.code, 'InvalidActionInputs');
    assert.match(outcome.error.message, /\/topic must match pattern/);
  });
});
