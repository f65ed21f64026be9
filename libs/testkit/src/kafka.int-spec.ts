import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { createTopics, startGroupAtEnd, withKafkaAdmin } from './kafka-topics.js';
import { resolveInfrastructure } from './resolve-infrastructure.js';
import { uniqueName } from './unique-name.js';
import { waitFor } from './wait-for.js';

describe('Kafka from resolveInfrastructure', () => {
  let kafka: Kafka;
  let producer: Producer;
  const consumers: Consumer[] = [];

  before(async () => {
    const { kafkaBrokers } = await resolveInfrastructure();
    kafka = new Kafka({ clientId: 'testkit-int', brokers: [...kafkaBrokers], logLevel: logLevel.WARN });
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  after(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer.disconnect();
  });

  async function startConsumer(groupId: string, topic: string, received: string[]): Promise<Consumer> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(`${message.key?.toString()}=${message.value?.toString()}`);
      },
    });
    return consumer;
  }

  it('createTopics makes topics with the requested partitions, leaders elected', async () => {
    const { kafkaBrokers } = await resolveInfrastructure();
    const [topic] = await createTopics(kafkaBrokers, [
      { topic: uniqueName('testkit.topics'), numPartitions: 3 },
    ]);
    const metadata = await withKafkaAdmin(kafkaBrokers, (admin) =>
      admin.fetchTopicMetadata({ topics: [topic!] }),
    );
    const partitions = metadata.topics[0]?.partitions ?? [];
    assert.equal(partitions.length, 3);
    assert.ok(partitions.every((partition) => partition.leader >= 0));
  });

  it('round-trips keyed messages through a consumer group, acks=all', async () => {
    const { kafkaBrokers } = await resolveInfrastructure();
    const [topic] = await createTopics(kafkaBrokers, [
      { topic: uniqueName('testkit.roundtrip'), numPartitions: 2 },
    ]);
    const received: string[] = [];
    await startConsumer(uniqueName('testkit-group'), topic!, received);

    await producer.send({
      topic: topic!,
      acks: -1,
      messages: [
        { key: 'run-1', value: 'fired' },
        { key: 'run-2', value: 'fired' },
        { key: 'run-1', value: 'completed' },
      ],
    });

    await waitFor(() => received.length === 3, { timeoutMs: 30_000, description: 'three consumed messages' });
    assert.deepEqual(
      received.filter((entry) => entry.startsWith('run-1=')),
      ['run-1=fired', 'run-1=completed'],
      'per-key order is kept',
    );
    assert.deepEqual([...received].sort(), ['run-1=completed', 'run-1=fired', 'run-2=fired']);
  });

  it('startGroupAtEnd starts a fromBeginning consumer after what was published before', async () => {
    const { kafkaBrokers } = await resolveInfrastructure();
    const [topic] = await createTopics(kafkaBrokers, [
      { topic: uniqueName('testkit.end'), numPartitions: 2 },
    ]);
    const send = (value: string) =>
      producer.send({
        topic: topic!,
        acks: -1,
        messages: [
          { key: 'a', value },
          { key: 'b', value },
        ],
      });
    await send('old');
    const atEnd = uniqueName('testkit-end');
    await startGroupAtEnd(kafkaBrokers, atEnd, [topic!]);
    // For comparison: kafkajs resetOffsets to "latest" leaves a fromBeginning consumer at the beginning.
    const reset = uniqueName('testkit-reset');
    await withKafkaAdmin(kafkaBrokers, (admin) =>
      admin.resetOffsets({ groupId: reset, topic: topic!, earliest: false }),
    );
    const fromEnd: string[] = [];
    const fromReset: string[] = [];
    await startConsumer(atEnd, topic!, fromEnd);
    await startConsumer(reset, topic!, fromReset);
    await send('new');
    await waitFor(() => fromEnd.length >= 2 && fromReset.length >= 4, {
      timeoutMs: 30_000,
      description: 'the new messages consumed by both groups',
    });
    assert.deepEqual([...fromEnd].sort(), ['a=new', 'b=new']);
    assert.deepEqual([...fromReset].sort(), ['a=new', 'a=old', 'b=new', 'b=old']);
  });
});
