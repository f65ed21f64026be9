import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { environmentTopic, Topics, type ActionRequested } from '@patchbay/contracts';
import { resolveInfrastructure, uniqueName, waitFor } from '@patchbay/testkit';
import { EventPublisher } from './event-publisher.js';
import { KafkaEventServer } from './kafka-event.server.js';
import { createKafkaClient } from './kafka-client.js';
import { ensureTopics } from './topic-admin.js';
import type { EventContext } from './event-context.js';

/**
 * Execution environment copies of a request topic on a real broker: the publisher writes an event to the
 * environment's topic (validated against the contract topic's schema), and a server told to consume that topic
 * hands it to the contract topic's handler, while a server on the contract topic never sees it.
 */
describe('environment topics against real Kafka', () => {
  const logger = pino({ level: 'silent' });
  const environment = uniqueName('env')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
  const envTopic = environmentTopic(Topics.actionRequested, environment);
  let kafka: Kafka;
  let publisher: EventPublisher;
  const servers: KafkaEventServer[] = [];
  const seen = { environment: [] as { runId: string; topic: string }[], contract: [] as string[] };

  async function listen(server: KafkaEventServer): Promise<void> {
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      void server.listen((error?: unknown) => {
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error('listen failed', { cause: error }));
      });
    });
  }

  function request(runId: string): ActionRequested {
    return {
      runId,
      workflowId: randomUUID(),
      actionName: 'call',
      attemptId: randomUUID(),
      idempotencyKey: `${runId}/call`,
      actionType: 'Http',
      inputs: { method: 'GET', uri: 'https://example.com' },
      requestedAt: new Date().toISOString(),
    };
  }

  before(async () => {
    const infra = await resolveInfrastructure();
    kafka = createKafkaClient({ clientId: 'env-topics-int', brokers: [...infra.kafkaBrokers], logger });
    await ensureTopics(kafka, [Topics.actionRequested, envTopic, Topics.deadLetter], 2);
    publisher = new EventPublisher(kafka, '/patchbay/test');

    const inEnvironment = new KafkaEventServer({
      kafka,
      groupId: uniqueName('env-topics-env'),
      publisher,
      logger,
      topicOverrides: { [Topics.actionRequested]: envTopic },
    });
    inEnvironment.addHandler(
      Topics.actionRequested,
      async (data: ActionRequested, context: EventContext) => {
        seen.environment.push({ runId: data.runId, topic: context.topic });
      },
      true,
    );
    const onContract = new KafkaEventServer({
      kafka,
      groupId: uniqueName('env-topics-contract'),
      publisher,
      logger,
      fromBeginning: false,
    });
    onContract.addHandler(
      Topics.actionRequested,
      async (data: ActionRequested) => {
        seen.contract.push(data.runId);
      },
      true,
    );
    await listen(inEnvironment);
    await listen(onContract);
  });

  after(async () => {
    for (const server of servers) await server.close();
    await publisher?.disconnect();
  });

  it('delivers an event published to an environment topic to that environment only', async () => {
    const pinned = randomUUID();
    const probe = randomUUID();
    await publisher.publish(Topics.actionRequested, request(pinned), { key: pinned, destination: envTopic });
    await waitFor(async () => seen.environment.some((s) => s.runId === pinned), {
      timeoutMs: 60_000,
      description: 'the environment server to receive the request',
    });
    assert.deepEqual(
      seen.environment.find((s) => s.runId === pinned),
      { runId: pinned, topic: envTopic },
    );
    // The contract topic's consumer is live (it gets a request sent there) and never got the pinned one.
    await waitFor(
      async () => {
        await publisher.publish(Topics.actionRequested, request(probe), { key: probe });
        return seen.contract.includes(probe);
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'the contract topic server to receive a probe' },
    );
    assert.equal(seen.contract.includes(pinned), false);
    assert.equal(
      seen.environment.some((s) => s.runId === probe),
      false,
    );
  });

  it('validates an environment topic event against the contract schema before publishing', async () => {
    const bad = { ...request(randomUUID()), attemptId: '' };
    await assert.rejects(
      publisher.publish(Topics.actionRequested, bad, { key: bad.runId, destination: envTopic }),
      /attemptId/,
    );
  });
});
