import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Topics, type WorkflowChanged } from '@patchbay/contracts';
import { resolveInfrastructure, type Infrastructure } from '@patchbay/testkit';
import { BroadcastSubscriber } from './broadcast-subscriber.js';
import { EventPublisher } from './event-publisher.js';
import { createKafkaClient } from './kafka-client.js';
import { ensureTopics } from './topic-admin.js';

function change(workflowId: string): WorkflowChanged {
  return {
    workflowId,
    namespace: 'default',
    name: `wf-${workflowId.slice(0, 8)}`,
    version: 1,
    state: 'Enabled',
    triggers: [],
    hasResponseAction: false,
    changedAt: new Date().toISOString(),
  };
}

describe('BroadcastSubscriber against real Kafka', () => {
  let infra: Infrastructure;
  const logger = pino({ level: 'silent' });

  before(async () => {
    infra = await resolveInfrastructure();
  });

  it('syncToLatest resolves only after everything published before the call was applied', async () => {
    const kafka = createKafkaClient({ clientId: 'broadcast-int', brokers: [...infra.kafkaBrokers], logger });
    await ensureTopics(kafka, [Topics.workflowChanged], 3);
    const publisher = new EventPublisher(kafka, '/patchbay/test');
    await publisher.connect();
    const seen = new Set<string>();
    const subscriber = new BroadcastSubscriber({
      kafka,
      topic: Topics.workflowChanged,
      groupPrefix: 'broadcast-int',
      fromBeginning: true,
      logger,
      onEvent: async (data) => {
        // Slow consumer: the wait must really track progress, not return early.
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.add(data.workflowId);
      },
    });
    try {
      await subscriber.start();
      // Whatever the topic held before (other tests, the platform) is applied first.
      assert.equal(await subscriber.syncToLatest(60_000), true);
      const ids = Array.from({ length: 12 }, () => randomUUID());
      await publisher.publishAll(
        ids.map((id) => ({ topic: Topics.workflowChanged, data: change(id), options: { key: id } })),
      );
      assert.equal(await subscriber.syncToLatest(30_000), true);
      assert.deepEqual(
        ids.filter((id) => !seen.has(id)),
        [],
        'every message published before syncToLatest was applied when it resolved',
      );
    } finally {
      await subscriber.stop();
      await publisher.disconnect();
    }
  });

  it('retries a failing handler until the change applies, and syncToLatest waits for it', async () => {
    const kafka = createKafkaClient({ clientId: 'broadcast-int', brokers: [...infra.kafkaBrokers], logger });
    const publisher = new EventPublisher(kafka, '/patchbay/test');
    await publisher.connect();
    const target = randomUUID();
    let failures = 0;
    let applied = false;
    const subscriber = new BroadcastSubscriber({
      kafka,
      topic: Topics.workflowChanged,
      groupPrefix: 'broadcast-int',
      fromBeginning: true,
      logger,
      onEvent: (data) => {
        if (data.workflowId !== target) return;
        if (failures < 2) {
          failures += 1;
          throw new Error('store unavailable');
        }
        applied = true;
      },
    });
    try {
      await subscriber.start();
      await publisher.publish(Topics.workflowChanged, change(target), { key: target });
      assert.equal(await subscriber.syncToLatest(60_000), true);
      assert.equal(failures, 2);
      assert.equal(applied, true, 'the change was applied after the handler recovered, not skipped');
    } finally {
      await subscriber.stop();
      await publisher.disconnect();
    }
  });
});
