import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kafka } from 'kafkajs';
import { environmentTopic, Topics } from '@patchbay/contracts';
import { ConnectionErrorCode, ConnectionResolutionError } from './connection-resolution.error.js';
import type { ConnectionRoutingClient } from './connection-routing.client.js';
import { EnvironmentTopicRouter, ROUTING_UNAVAILABLE } from './environment-topic.router.js';

const unavailable = new ConnectionResolutionError(
  ConnectionErrorCode.ConnectionStoreUnavailable,
  'connection-store unavailable (UNAVAILABLE)',
  true,
);

/**
 * A routing client answering from a table of pinned connections (a connection named in `down` cannot be asked),
 * and a Kafka admin that records the topics it creates (or fails to create them when `adminDown`).
 */
function routerWith(pinned: Record<string, string>, down: readonly string[] = [], adminDown = false) {
  const created: string[] = [];
  const routing = {
    topicFor: async (topic: typeof Topics.triggerPollRequested, name: string | undefined) => {
      if (name !== undefined && down.includes(name)) throw unavailable;
      if (name === 'refused')
        throw new ConnectionResolutionError(ConnectionErrorCode.ConnectionUnusable, 'bad name', false);
      if (name === 'broken') throw new TypeError('a bug, not a routing answer');
      return environmentTopic(topic, (name === undefined ? undefined : pinned[name]) ?? 'default');
    },
  } as unknown as ConnectionRoutingClient;
  const kafka = {
    admin: () => ({
      connect: async () => {
        if (adminDown) throw new Error('broker unreachable');
      },
      disconnect: async () => undefined,
      listTopics: async () => [],
      createTopics: async ({ topics }: { topics: { topic: string }[] }) => {
        created.push(...topics.map((t) => t.topic));
        return true;
      },
    }),
  } as unknown as Kafka;
  return { router: new EnvironmentTopicRouter(routing, kafka, 3), created };
}

describe('EnvironmentTopicRouter', () => {
  it("routes a pinned connection's request to its environment topic, creating that topic once", async () => {
    const { router, created } = routerWith({ 'plant-db': 'plant-east' });
    assert.deepEqual(await router.route(Topics.triggerPollRequested, 'plant-db'), {
      destination: 'patchbay.trigger.poll.requested.env.plant-east.v1',
    });
    assert.deepEqual(await router.route(Topics.triggerSubscriptionRequested, 'plant-db'), {
      destination: 'patchbay.trigger.subscription.requested.env.plant-east.v1',
    });
    assert.deepEqual(await router.route(Topics.actionRequested, 'plant-db'), {
      destination: 'patchbay.action.requested.env.plant-east.v1',
    });
    await router.route(Topics.triggerPollRequested, 'plant-db');
    assert.deepEqual(created, [
      'patchbay.trigger.poll.requested.env.plant-east.v1',
      'patchbay.trigger.subscription.requested.env.plant-east.v1',
      'patchbay.action.requested.env.plant-east.v1',
    ]);
    assert.deepEqual(await router.route(Topics.triggerPollRequested, 'cloud-api'), {});
    assert.deepEqual(await router.route(Topics.triggerPollRequested, undefined), {});
  });

  it('answers a retryable error, never a guessed topic, when the environment cannot be asked', async () => {
    const { router, created } = routerWith({ 'plant-db': 'plant-east' }, ['plant-db']);
    const route = await router.route(Topics.triggerPollRequested, 'plant-db');
    assert.equal(route.error?.code, ROUTING_UNAVAILABLE);
    assert.equal(route.error?.retryable, true);
    assert.match(
      route.error?.message ?? '',
      /cannot tell the execution environment of connection 'plant-db'/,
    );
    assert.deepEqual(created, []);
  });

  it('answers a retryable error when the environment topic cannot be created, and tries again next time', async () => {
    const { router } = routerWith({ 'plant-db': 'plant-east' }, [], true);
    const route = await router.route(Topics.actionRequested, 'plant-db');
    assert.equal(route.error?.code, ROUTING_UNAVAILABLE);
    assert.match(
      route.error?.message ?? '',
      /could not create Kafka topic patchbay\.action\.requested\.env\.plant-east\.v1/,
    );
    assert.equal((await router.route(Topics.actionRequested, 'plant-db')).error?.code, ROUTING_UNAVAILABLE);
  });

  it('leaves a request the store refuses to route on the default topic (the runtime reports why)', async () => {
    const { router } = routerWith({});
    assert.deepEqual(await router.route(Topics.triggerPollRequested, 'refused'), {});
  });

  it('lets an error that is no routing answer through', async () => {
    const { router } = routerWith({});
    await assert.rejects(router.route(Topics.triggerPollRequested, 'broken'), TypeError);
  });

  it('routes nothing without connection-store (CONNECTION_STORE_GRPC_URL unset)', async () => {
    const router = new EnvironmentTopicRouter(null, {} as Kafka, 3);
    assert.deepEqual(await router.route(Topics.triggerPollRequested, 'plant-db'), {});
  });
});
