import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from 'pino';
import { environmentTopic, Topics, type TriggerSpec } from '@patchbay/contracts';
import {
  ConnectionErrorCode,
  ConnectionResolutionError,
  EnvironmentTopicRouter,
  ROUTING_UNAVAILABLE,
  type ConnectionRoutingClient,
} from '@patchbay/connection-client';
import { topicRecordingKafka } from '@patchbay/testkit';
import type { EventPublisher, OutgoingEvent, ReadinessRegistry } from '@patchbay/platform';
import type { TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import type { PollRepository, PollState } from '../persistence/poll.repository.js';
import type {
  WebhookSubscription,
  WebhookSubscriptionRepository,
} from '../persistence/webhook-subscription.repository.js';
import { PollWorker } from '../polling/poll-worker.js';
import type { CallbackUrlProvider } from '../webhook-triggers/callback-url.provider.js';
import { WebhookSubscriptionWorker } from '../webhook-triggers/webhook-subscription.worker.js';

const config = {
  KAFKA_TOPIC_PARTITIONS: 3,
  PATCHBAY_POLL_TIMEOUT_MS: 60_000,
  PATCHBAY_POLL_BACKOFF_MS: 5_000,
  PATCHBAY_POLL_BACKOFF_MAX_MS: 300_000,
} as TriggerIngestionConfig;
const unavailable = new ConnectionResolutionError(
  ConnectionErrorCode.ConnectionStoreUnavailable,
  'connection-store unavailable (UNAVAILABLE)',
  true,
);

/**
 * A routing client answering from a table of pinned connections (a connection named in `down` cannot be asked),
 * and a Kafka admin that records the topics it creates.
 */
function routerWith(pinned: Record<string, string>, down: readonly string[] = []) {
  const { kafka, created } = topicRecordingKafka();
  const routing = {
    topicFor: async (topic: typeof Topics.triggerPollRequested, name: string | undefined) => {
      if (name !== undefined && down.includes(name)) throw unavailable;
      if (name === 'refused')
        throw new ConnectionResolutionError(ConnectionErrorCode.ConnectionUnusable, 'bad name', false);
      return environmentTopic(topic, (name === undefined ? undefined : pinned[name]) ?? 'default');
    },
  } as unknown as ConnectionRoutingClient;
  return { router: new EnvironmentTopicRouter(routing, kafka, config.KAFKA_TOPIC_PARTITIONS), created };
}

/** A publisher that keeps what it is asked to publish. */
function recordingPublisher() {
  const published: OutgoingEvent[] = [];
  const publisher = {
    publishAll: async (events: OutgoingEvent[]) => {
      published.push(...events);
    },
  } as unknown as EventPublisher;
  return { publisher, published };
}

const workflowId = '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55';
const now = Date.now();

function pollRow(triggerName: string, connection: string): PollState {
  return {
    workflowId,
    triggerName,
    workflowVersion: 1,
    triggerType: 'ApiConnection',
    spec: {
      name: triggerName,
      type: 'ApiConnection',
      signatureKeyVersion: 0,
      inputs: { host: { connection: { name: connection } }, method: 'get', path: '/rows' },
    },
    workflowEnabled: true,
    anchor: new Date(now),
    nextPollAt: new Date(now),
    cursor: undefined,
    inFlightPollId: null,
    inFlightUntil: null,
    failures: 2,
  };
}

function subscriptionRow(triggerName: string, connection: string): WebhookSubscription {
  const spec: TriggerSpec = {
    name: triggerName,
    type: 'ApiConnectionWebhook',
    signatureKeyVersion: 0,
    inputs: { host: { connection: { name: connection } }, body: { callback: '@{listCallbackUrl()}' } },
  };
  return {
    id: `1d1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b1${triggerName.length}`,
    workflowId,
    triggerName,
    workflowVersion: 1,
    triggerType: 'ApiConnectionWebhook',
    spec,
    wanted: true,
    state: 'pending',
    subscription: null,
    failures: 1,
    nextAttemptAt: new Date(now),
    inFlight: null,
    lastError: null,
    lastErrorAt: null,
    subscribedAt: null,
    unsubscribedAt: null,
  };
}

describe('poll and subscription workers route their requests', () => {
  it('sends each poll to its environment and postpones one whose environment cannot be told', async () => {
    const { router } = routerWith({ 'plant-db': 'plant-east' }, ['lost-db']);
    const { publisher, published } = recordingPublisher();
    const worker = new PollWorker({} as PollRepository, publisher, router, config, {} as Logger);
    const { updates, decisions } = await worker.start([
      pollRow('pinned', 'plant-db'),
      pollRow('unpinned', 'cloud-db'),
      pollRow('unknown', 'lost-db'),
    ]);
    assert.deepEqual(
      published.map((e) => [(e.data as { triggerName: string }).triggerName, e.options?.destination]),
      [
        ['pinned', 'patchbay.trigger.poll.requested.env.plant-east.v1'],
        ['unpinned', undefined],
      ],
    );
    assert.ok(published.every((e) => e.topic === Topics.triggerPollRequested));
    const held = updates.find((u) => u.triggerName === 'unknown')!;
    assert.equal(held.inFlightPollId, null);
    assert.equal(held.failures, 2, 'not counted as a failed poll');
    assert.ok(held.nextPollAt !== null && held.nextPollAt.getTime() >= now + config.PATCHBAY_POLL_BACKOFF_MS);
    const decision = decisions.find((d) => d.triggerName === 'unknown')!;
    assert.equal(decision.outcome, 'poll-postponed');
    assert.equal((decision.detail['error'] as { code: string }).code, ROUTING_UNAVAILABLE);
    const leased = updates.filter((u) => u.inFlightPollId !== null).map((u) => u.triggerName);
    assert.deepEqual(leased.sort(), ['pinned', 'unpinned']);
  });

  it('sends each subscribe to its environment and postpones one whose environment cannot be told', async () => {
    const { router } = routerWith({ 'plant-api': 'plant-east' }, ['lost-api']);
    const { publisher, published } = recordingPublisher();
    const callbackUrls = {
      urlOf: () => 'http://127.0.0.1:8080/api/hooks/x?sig=s',
    } as unknown as CallbackUrlProvider;
    const worker = new WebhookSubscriptionWorker(
      {} as WebhookSubscriptionRepository,
      publisher,
      callbackUrls,
      {} as ReadinessRegistry,
      router,
      config,
      {} as Logger,
    );
    const { updates, decisions } = await worker.start([
      subscriptionRow('pinned', 'plant-api'),
      subscriptionRow('unknown-x', 'lost-api'),
    ]);
    assert.deepEqual(
      published.map((e) => [e.topic, e.options?.destination]),
      [[Topics.triggerSubscriptionRequested, 'patchbay.trigger.subscription.requested.env.plant-east.v1']],
    );
    const held = updates.find((u) => u.id === subscriptionRow('unknown-x', 'lost-api').id)!;
    assert.equal(held.inFlight, null);
    assert.equal(held.state, 'pending');
    assert.equal(held.failures, 1, 'not counted as a failed attempt');
    assert.equal(held.lastError?.code, ROUTING_UNAVAILABLE);
    assert.ok(decisions.some((d) => d.triggerName === 'unknown-x' && d.outcome === 'subscribe-postponed'));
  });
});
