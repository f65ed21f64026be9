import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { decodeCloudEvent, parseEventData, Topics } from '@patchbay/contracts';
import { resolveInfrastructure, uniqueName, waitFor } from '@patchbay/testkit';
import { EventPublisher } from './event-publisher.js';
import { createKafkaClient } from './kafka-client.js';
import { ensureTopics } from './topic-admin.js';

describe('EventPublisher against real Kafka', () => {
  it('merges concurrent publishes into shared sends and every caller is answered once its events are durable', async () => {
    const infra = await resolveInfrastructure();
    const logger = pino({ level: 'silent' });
    const kafka = createKafkaClient({ clientId: 'publisher-int', brokers: [...infra.kafkaBrokers], logger });
    await ensureTopics(kafka, [Topics.runEvent], 3);
    const seen = new Set<string>();
    const consumer = kafka.consumer({ groupId: uniqueName('publisher-int') });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.runEvent, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const data = parseEventData(Topics.runEvent, decodeCloudEvent(message.headers, message.value).data);
        seen.add(data.runId);
      },
    });
    await joined;
    const publisher = new EventPublisher(kafka, '/patchbay/test');
    try {
      const runIds = Array.from({ length: 300 }, () => randomUUID());
      let sends = 0;
      const original = publisher['producer'].sendBatch.bind(publisher['producer']);
      publisher['producer'].sendBatch = (batch) => {
        sends += 1;
        return original(batch);
      };
      // A probe first: the consumer may get its partitions a moment after joining.
      const probe = randomUUID();
      await waitFor(
        async () => {
          await publisher.publish(
            Topics.runEvent,
            { kind: 'run.started', runId: probe, workflowId: randomUUID(), at: new Date().toISOString() },
            { key: probe },
          );
          return seen.has(probe);
        },
        { timeoutMs: 30_000, intervalMs: 500, description: 'the consumer to receive' },
      );
      sends = 0;
      await Promise.all(
        runIds.map((runId) =>
          publisher.publish(
            Topics.runEvent,
            { kind: 'run.started', runId, workflowId: randomUUID(), at: new Date().toISOString() },
            { key: runId },
          ),
        ),
      );
      assert.ok(sends < runIds.length / 2, `300 concurrent publishes took ${sends} sends`);
      await waitFor(() => runIds.every((id) => seen.has(id)), {
        timeoutMs: 30_000,
        description: 'every published event to arrive',
      });
    } finally {
      await publisher.disconnect();
      await consumer.disconnect();
    }
  });

  it('fails only the caller whose event breaks its schema', async () => {
    const infra = await resolveInfrastructure();
    const kafka = createKafkaClient({
      clientId: 'publisher-int',
      brokers: [...infra.kafkaBrokers],
      logger: pino({ level: 'silent' }),
    });
    const publisher = new EventPublisher(kafka, '/patchbay/test');
    try {
      const good = randomUUID();
      const results = await Promise.allSettled([
        publisher.publish(
          Topics.runEvent,
          { kind: 'run.started', runId: good, workflowId: randomUUID(), at: new Date().toISOString() },
          { key: good },
        ),
        publisher.publish(Topics.runEvent, { kind: 'run.started', runId: 'not-a-uuid' } as never, {
          key: 'x',
        }),
      ]);
      assert.equal(results[0].status, 'fulfilled');
      assert.equal(results[1].status, 'rejected');
    } finally {
      await publisher.disconnect();
    }
  });
});
