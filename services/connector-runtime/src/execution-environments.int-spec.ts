import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import {
  ENVIRONMENT_ROUTED_TOPICS,
  environmentTopic,
  Topics,
  type ActionRequested,
} from '@patchbay/contracts';
import { ConnectionRoutingClient } from '@patchbay/connection-client';
import type { EventPublisher } from '@patchbay/platform';
import { resolveInfrastructure, waitFor, withKafkaAdmin, type Infrastructure } from '@patchbay/testkit';
import { startConnectorRuntime } from './connector-runtime.app.js';
import { CompletedEventsCollector, type CompletedRecord } from './test-support/completed-events.collector.js';
import { prepareKafka, sourceOf, testRuntimeConfig } from './test-support/runtime-harness.js';
import {
  startTestConnectionStore,
  type TestConnectionStore,
} from './test-support/connection-store.fixture.js';

/** One execution environment of the test: its runtime, the only target its egress rules let it reach. */
interface Site {
  environment: string;
  groupId: string;
  runtime?: NestFastifyApplication;
  target: Server;
  port: number;
  /** API keys the target was called with (each connection has its own key). */
  hits: string[];
  collector?: CompletedEventsCollector;
}

/**
 * Two connector-runtime replicas in two execution environments, in process, against real Kafka and a real
 * connection-store (Postgres, Vault). Each runtime consumes only its environment's topic and its egress rules
 * let it reach only its own environment's target, as a runtime inside a private network would. Requests are
 * routed the way the orchestrator routes them (ConnectionRoutingClient -> the environment topic), so each
 * connection's calls run where it is pinned; a request that reaches the wrong environment is refused.
 */
describe('execution environments: two connector-runtimes, each running only its own connections', () => {
  const suffix = randomUUID().slice(0, 8);
  const workflowId = randomUUID();
  const sites: Record<'a' | 'b', Site> = {
    a: { environment: `int-a-${suffix}`, groupId: '', target: undefined!, port: 0, hits: [] },
    b: { environment: `int-b-${suffix}`, groupId: '', target: undefined!, port: 0, hits: [] },
  };
  /** Two connections pinned to each environment, each with its own API key (in Vault only). */
  const connections = (['a', 'b'] as const).flatMap((site) =>
    [1, 2].map((n) => ({ site, name: `env-${site}${n}-${suffix}`, key: `key-${site}${n}-${randomUUID()}` })),
  );
  let infra: Infrastructure;
  let store: TestConnectionStore;
  let publisher: EventPublisher;
  let routing: ConnectionRoutingClient;

  async function startTarget(site: Site): Promise<void> {
    site.target = createServer((req, res) => {
      site.hits.push(String(req.headers['x-api-key'] ?? ''));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ servedBy: site.environment }));
    });
    await new Promise<void>((resolve) => site.target.listen(0, '127.0.0.1', resolve));
    site.port = (site.target.address() as AddressInfo).port;
  }

  function request(connectionName: string, port: number): ActionRequested {
    const runId = randomUUID();
    return {
      runId,
      workflowId,
      actionName: 'Read',
      attemptId: randomUUID(),
      idempotencyKey: `${runId}/Read`,
      actionType: 'Http',
      inputs: { method: 'GET', uri: `http://127.0.0.1:${port}/status` },
      connectionName,
      requestedAt: new Date().toISOString(),
    };
  }

  async function completion(site: Site, runId: string): Promise<CompletedRecord> {
    return waitFor(() => site.collector!.first(runId), {
      timeoutMs: 60_000,
      description: `action.completed of run ${runId} from the runtime of ${site.environment}`,
    });
  }

  before(async () => {
    infra = await resolveInfrastructure();
    await startTarget(sites.a);
    await startTarget(sites.b);

    store = await startTestConnectionStore(infra);
    const { grpcPort } = store;
    for (const connection of connections) {
      await store.createLinked(
        {
          name: connection.name,
          connectorId: 'http',
          authType: 'apiKey',
          parameters: { headerName: 'X-Api-Key' },
          secrets: { apiKey: connection.key },
          executionEnvironment: sites[connection.site].environment,
        },
        workflowId,
      );
    }
    routing = new ConnectionRoutingClient({ target: `127.0.0.1:${grpcPort}`, timeoutMs: 5_000 });

    for (const site of [sites.a, sites.b]) {
      const kafka = await prepareKafka(infra);
      publisher ??= kafka.publisher;
      site.groupId = kafka.groupId;
      site.runtime = await startConnectorRuntime(
        testRuntimeConfig(infra, {
          groupId: kafka.groupId,
          grpcPort,
          executionEnvironment: site.environment,
          // This environment's network: its own target and nothing else on loopback.
          egress: [
            {
              name: `${site.environment}-target`,
              effect: 'allow',
              cidrs: ['127.0.0.1/32'],
              ports: [site.port],
            },
          ],
        }),
        pino({ level: 'warn' }),
      );
      site.collector = new CompletedEventsCollector(infra.kafkaBrokers, sourceOf(kafka.groupId));
      await site.collector.start();
    }
  });

  after(async () => {
    routing?.close();
    await publisher?.disconnect();
    for (const site of [sites.a, sites.b]) {
      await site.collector?.stop();
      await site.runtime?.close();
      if (site.target !== undefined) {
        site.target.closeAllConnections();
        await new Promise((resolve) => site.target.close(resolve));
      }
    }
    await store?.close();
    if (infra !== undefined)
      await withKafkaAdmin(infra.kafkaBrokers, (admin) =>
        admin.deleteTopics({
          topics: [sites.a, sites.b].flatMap((site) =>
            ENVIRONMENT_ROUTED_TOPICS.map((topic) => environmentTopic(topic, site.environment)),
          ),
        }),
      );
  });

  it('routes each connection to its environment, where only that runtime runs it', async () => {
    const sent: { connection: (typeof connections)[number]; runId: string }[] = [];
    for (const connection of connections) {
      const topic = await routing.topicFor(Topics.actionRequested, connection.name);
      assert.equal(topic, `patchbay.action.requested.env.${sites[connection.site].environment}.v1`);
      const data = request(connection.name, sites[connection.site].port);
      await publisher.publish(Topics.actionRequested, data, { key: data.runId, destination: topic });
      sent.push({ connection, runId: data.runId });
    }
    for (const { connection, runId } of sent) {
      const site = sites[connection.site];
      const other = sites[connection.site === 'a' ? 'b' : 'a'];
      const completed = await completion(site, runId);
      assert.equal(completed.data.status, 'Succeeded', JSON.stringify(completed.data.error));
      assert.deepEqual((completed.data.outputs as { body: unknown }).body, { servedBy: site.environment });
      assert.equal(other.collector!.first(runId), undefined, 'the other environment never answered it');
    }
    // Each target saw exactly the keys of its own environment's connections.
    for (const key of ['a', 'b'] as const)
      assert.deepEqual(
        [...sites[key].hits].sort(),
        connections
          .filter((c) => c.site === key)
          .map((c) => c.key)
          .sort(),
      );
  });

  it("refuses a request that reached another environment's runtime, calling nothing", async () => {
    const pinnedToA = connections.find((c) => c.site === 'a')!;
    const hitsBefore = sites.a.hits.length + sites.b.hits.length;
    // A stale producer (a re-pin it has not heard of yet) sends A's connection to B's topic.
    const data = request(pinnedToA.name, sites.a.port);
    await publisher.publish(Topics.actionRequested, data, {
      key: data.runId,
      destination: environmentTopic(Topics.actionRequested, sites.b.environment),
    });
    const completed = await completion(sites.b, data.runId);
    assert.equal(completed.data.status, 'Failed');
    assert.deepEqual(completed.data.error, {
      code: 'ConnectionEnvironmentMismatch',
      message: `connection '${pinnedToA.name}' is pinned to execution environment '${sites.a.environment}'; this connector-runtime serves '${sites.b.environment}' and does not run it`,
      retryable: true,
    });
    assert.equal(sites.a.hits.length + sites.b.hits.length, hitsBefore);
    assert.equal(sites.a.collector!.first(data.runId), undefined);
  });
});
