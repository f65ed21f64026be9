import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { pino } from 'pino';
import { decodeCloudEvent, parseEventData, Topics, type RunEvent } from '@patchbay/contracts';
import { resolveInfrastructure, uniqueName, waitFor } from '@patchbay/testkit';
import { DependencyUnavailableError, NotFoundError } from '../errors/platform-error.js';
import { EventPublisher } from './event-publisher.js';
import { KafkaEventServer } from './kafka-event.server.js';
import { createKafkaClient } from './kafka-client.js';
import { ensureTopics } from './topic-admin.js';

type Behaviour = 'ok' | 'notFound' | 'untyped' | 'retryableTwice';

/**
 * The Kafka transport against a real broker: valid events reach the handler; events that fail their schema,
 * and events whose handler fails for good, go to the dead-letter topic with the reason while the consumer
 * goes on; retryable failures are retried until they succeed.
 */
describe('KafkaEventServer against real Kafka', () => {
  const logger = pino({ level: 'silent' });
  let kafka: Kafka;
  let publisher: EventPublisher;
  let server: KafkaEventServer;
  let producer: Producer;
  let deadLetters: Consumer;
  const behaviour = new Map<string, Behaviour>();
  const calls = new Map<string, number>();
  const handled: string[] = [];
  const dead = new Map<string, { reason: string; consumerGroup: string }>();
  const groupId = uniqueName('event-server-int');

  before(async () => {
    const infra = await resolveInfrastructure();
    kafka = createKafkaClient({ clientId: 'event-server-int', brokers: [...infra.kafkaBrokers], logger });
    await ensureTopics(kafka, [Topics.runEvent, Topics.deadLetter], 3);
    publisher = new EventPublisher(kafka, '/patchbay/test');
    producer = kafka.producer();
    await producer.connect();

    deadLetters = kafka.consumer({ groupId: uniqueName('event-server-int-dlq') });
    await deadLetters.connect();
    await deadLetters.subscribe({ topic: Topics.deadLetter, fromBeginning: false });
    await deadLetters.run({
      eachMessage: async ({ message }) => {
        const event = decodeCloudEvent(message.headers, message.value);
        const letter = parseEventData(Topics.deadLetter, event.data);
        if (letter.key !== null) dead.set(letter.key, letter);
      },
    });

    // Starts at the end: this spec's events only (the topic is shared with whatever ran before).
    server = new KafkaEventServer({ kafka, groupId, publisher, logger, fromBeginning: false });
    server.addHandler(
      Topics.runEvent,
      async (event: RunEvent) => {
        const runId = event.runId;
        const mode = behaviour.get(runId);
        if (mode === undefined) return; // someone else's event on the shared topic
        const n = (calls.get(runId) ?? 0) + 1;
        calls.set(runId, n);
        if (mode === 'notFound') throw new NotFoundError(`run ${runId} is unknown`);
        if (mode === 'untyped') throw new Error(`boom ${runId}`);
        if (mode === 'retryableTwice' && n <= 2) throw new DependencyUnavailableError('database is down');
        handled.push(runId);
      },
      true,
    );
    await new Promise<void>((resolve, reject) => {
      void server.listen((error?: unknown) => {
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error('listen failed', { cause: error }));
      });
    });
    // Joined once the group has its partitions: an event published now is consumed by this server.
    const probe = randomUUID();
    behaviour.set(probe, 'ok');
    await waitFor(
      async () => {
        await publisher.publish(Topics.runEvent, started(probe), { key: probe });
        return handled.includes(probe);
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'the server to join its group' },
    );
  });

  after(async () => {
    await server?.close();
    await deadLetters?.disconnect();
    await producer?.disconnect();
    await publisher?.disconnect();
  });

  function started(runId: string): RunEvent {
    return { kind: 'run.started', runId, workflowId: randomUUID(), at: new Date().toISOString() };
  }

  it('dead-letters an event that fails its schema, with the reason, and goes on', async () => {
    const bad = randomUUID();
    const good = randomUUID();
    behaviour.set(good, 'ok');
    // A well-formed CloudEvent whose data misses required fields, published around the validating publisher.
    await producer.send({
      topic: Topics.runEvent,
      messages: [
        {
          key: bad,
          value: JSON.stringify({ kind: 'run.started', runId: bad }),
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_source: '/test',
            ce_type: 'dev.patchbay.run.event.v1',
            ce_time: new Date().toISOString(),
            'content-type': 'application/json',
          },
        },
      ],
    });
    await publisher.publish(Topics.runEvent, started(good), { key: good });
    const letter = await waitFor(() => dead.get(bad), { timeoutMs: 30_000, description: 'the dead letter' });
    assert.equal(letter.consumerGroup, groupId);
    assert.match(letter.reason, /workflowId|at/);
    await waitFor(() => handled.includes(good), { timeoutMs: 30_000, description: 'the next event handled' });
  });

  it('dead-letters at once when the handler says retrying cannot help', async () => {
    const runId = randomUUID();
    behaviour.set(runId, 'notFound');
    await publisher.publish(Topics.runEvent, started(runId), { key: runId });
    const letter = await waitFor(() => dead.get(runId), {
      timeoutMs: 30_000,
      description: 'the dead letter',
    });
    assert.match(letter.reason, /is unknown/);
    assert.equal(calls.get(runId), 1);
  });

  it('tries an untyped failure three times, then dead-letters it', async () => {
    const runId = randomUUID();
    behaviour.set(runId, 'untyped');
    await publisher.publish(Topics.runEvent, started(runId), { key: runId });
    const letter = await waitFor(() => dead.get(runId), {
      timeoutMs: 30_000,
      description: 'the dead letter',
    });
    assert.match(letter.reason, /boom/);
    assert.equal(calls.get(runId), 3);
  });

  it('retries a retryable failure until the handler succeeds, without dead-lettering', async () => {
    const runId = randomUUID();
    behaviour.set(runId, 'retryableTwice');
    await publisher.publish(Topics.runEvent, started(runId), { key: runId });
    await waitFor(() => handled.includes(runId), {
      timeoutMs: 30_000,
      description: 'the third try to succeed',
    });
    assert.equal(calls.get(runId), 3);
    assert.equal(dead.has(runId), false);
  });

  it('a group without committed offsets handles events published before it ever joined', async () => {
    const runId = randomUUID();
    const seen: string[] = [];
    await publisher.publish(Topics.runEvent, started(runId), { key: runId });
    const late = new KafkaEventServer({
      kafka,
      groupId: uniqueName('event-server-int-new'),
      publisher,
      logger,
    });
    late.addHandler(
      Topics.runEvent,
      async (event: RunEvent) => {
        if (event.runId === runId) seen.push(runId);
      },
      true,
    );
    await new Promise<void>((resolve, reject) => {
      void late.listen((error?: unknown) => {
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error('listen failed', { cause: error }));
      });
    });
    try {
      await waitFor(() => seen.length > 0, {
        timeoutMs: 60_000,
        description: 'the earlier event to be handled',
      });
    } finally {
      await late.close();
    }
  });
});
