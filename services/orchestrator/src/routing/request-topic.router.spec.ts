import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kafka } from 'kafkajs';
import { Topics } from '@patchbay/contracts';
import {
  ConnectionErrorCode,
  ConnectionResolutionError,
  EnvironmentTopicRouter,
  type ConnectionRoutingClient,
} from '@patchbay/connection-client';
import { topicRecordingKafka } from '@patchbay/testkit';
import { DependencyUnavailableError } from '@patchbay/platform';
import type { OutboxEvent } from '../outbox/outbox.writer.js';
import { RequestTopicRouter } from './request-topic.router.js';

const runId = '6f1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b11';

function request(connectionName?: string): OutboxEvent {
  return {
    topic: Topics.actionRequested,
    key: runId,
    data: {
      runId,
      workflowId: '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55',
      actionName: 'Read',
      attemptId: 'a1',
      idempotencyKey: 'k1',
      actionType: 'ApiConnection',
      inputs: {},
      requestedAt: '2026-11-26T10:00:00.000Z',
      ...(connectionName === undefined ? {} : { connectionName }),
    },
  };
}

/** A routing client that answers from a table (or fails), and a Kafka admin that records created topics. */
function routerWith(environments: Record<string, string> | Error): {
  router: RequestTopicRouter;
  created: string[];
} {
  const { kafka, created } = topicRecordingKafka();
  const routing = {
    topicFor: async (topic: string, name: string | undefined) => {
      if (environments instanceof Error) throw environments;
      const environment = name === undefined ? 'default' : (environments[name] ?? 'default');
      return environment === 'default' ? topic : topic.replace('.v1', `.env.${environment}.v1`);
    },
  } as unknown as ConnectionRoutingClient;
  return { router: new RequestTopicRouter(new EnvironmentTopicRouter(routing, kafka, 3)), created };
}

describe('RequestTopicRouter', () => {
  it("sends a pinned connection's request to its environment topic, creating that topic once", async () => {
    const { router, created } = routerWith({ 'plant-db': 'plant-east' });
    const routed = await router.route([request('plant-db'), request('cloud-api'), request()]);
    assert.equal(routed[0]?.destination, 'patchbay.action.requested.env.plant-east.v1');
    assert.equal(routed[1]?.destination, undefined);
    assert.equal(routed[2]?.destination, undefined);
    await router.route([request('plant-db')]);
    assert.deepEqual(created, ['patchbay.action.requested.env.plant-east.v1']);
  });

  it('leaves other events alone', async () => {
    const { router } = routerWith(new Error('must not be asked'));
    const event: OutboxEvent = {
      topic: Topics.runResponse,
      key: runId,
      data: { runId, statusCode: 200, headers: {}, body: null },
    };
    assert.deepEqual(await router.route([event]), [event]);
  });

  it('fails retryable when the environment cannot be asked, so the step is retried, never misrouted', async () => {
    const unavailable = new ConnectionResolutionError(
      ConnectionErrorCode.ConnectionStoreUnavailable,
      'connection-store unavailable (UNAVAILABLE)',
      true,
    );
    const { router } = routerWith(unavailable);
    await assert.rejects(
      router.route([request('plant-db')]),
      (error: unknown) =>
        error instanceof DependencyUnavailableError &&
        /cannot tell the execution environment of connection 'plant-db'/.test(error.message),
    );
  });

  it('routes nothing without connection-store (CONNECTION_STORE_GRPC_URL unset)', async () => {
    const router = new RequestTopicRouter(new EnvironmentTopicRouter(null, {} as Kafka, 3));
    const events = [request('plant-db')];
    assert.deepEqual(await router.route(events), events);
  });
});
