import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino, type Logger } from 'pino';
import {
  ENVIRONMENT_ROUTED_TOPICS,
  environmentTopic,
  Topics,
  type ActionRequested,
} from '@patchbay/contracts';
import { createKafkaClient, ensureTopics, EventPublisher } from '@patchbay/platform';
import {
  resolveInfrastructure,
  uniqueName,
  waitFor,
  withKafkaAdmin,
  type Infrastructure,
} from '@patchbay/testkit';
import { CONSUMER_GROUP, type ConnectorRuntimeConfig } from './config/connector-runtime.config.js';
import { CONNECTOR_RUNTIME_TOPICS, startConnectorRuntime } from './connector-runtime.app.js';
import { CompletedEventsCollector, type CompletedRecord } from './test-support/completed-events.collector.js';
import {
  startTestConnectionStore,
  type TestConnectionStore,
} from './test-support/connection-store.fixture.js';
import { LOOPBACK_ALLOWED } from './test-support/operation-harness.js';

function capturingLogger(service: string): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'debug', base: { service } }, sink), lines };
}

/** The `_count` of the action duration histogram for one label set, whatever order Prometheus prints labels in. */
function countOf(metrics: string, labels: Record<string, string>): number {
  for (const line of metrics.split('\n')) {
    const match = /^patchbay_action_duration_seconds_count\{(.*)\} (\d+)$/.exec(line);
    if (match === null) continue;
    const found = new Map([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const));
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) return Number(match[2]);
  }
  return 0;
}

function portOf(app: NestFastifyApplication): number {
  return (app.getHttpServer().address() as AddressInfo).port;
}

describe('connector-runtime against real Kafka and a real connection-store', () => {
  let infra: Infrastructure;
  let store: TestConnectionStore;
  let runtime: NestFastifyApplication;
  let target: Server;
  let targetUrl: string;
  let publisher: EventPublisher;
  const collector = { current: undefined as CompletedEventsCollector | undefined };
  const seenByTarget: { path: string; headers: IncomingHttpHeaders }[] = [];
  const runtimeLog = capturingLogger('connector-runtime');
  const storeLog = capturingLogger('connection-store');
  const connectionName = uniqueName('crm');
  const secret = `key-${randomUUID()}`;
  const workflowId = randomUUID();
  /**
   * An execution environment of its own: this runtime's request topic carries only this spec's requests, so the
   * metrics count exactly them (on the default topic it would also run every other test's requests published
   * meanwhile), and no other runtime on this Kafka answers them.
   */
  const environment = `int-${randomUUID().slice(0, 8)}`;
  const requestTopic = environmentTopic(Topics.actionRequested, environment);

  before(async () => {
    infra = await resolveInfrastructure();

    target = createServer((req, res) => {
      seenByTarget.push({ path: req.url ?? '', headers: req.headers });
      if (req.url?.startsWith('/fail')) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"down for maintenance"}');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ hello: 'world', path: req.url }));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;

    store = await startTestConnectionStore(infra, { logLevel: 'debug', logger: storeLog.logger });
    const { grpcPort } = store;
    await store.createLinked(
      {
        name: connectionName,
        connectorId: 'http',
        authType: 'apiKey',
        parameters: { headerName: 'X-Api-Key' },
        secrets: { apiKey: secret },
        executionEnvironment: environment,
      },
      workflowId,
    );

    const groupId = `${CONSUMER_GROUP}-${uniqueName('int')}`;
    const kafka = createKafkaClient({
      clientId: 'connector-runtime-int-spec',
      brokers: [...infra.kafkaBrokers],
      logger: pino({ level: 'silent' }),
    });
    await ensureTopics(kafka, CONNECTOR_RUNTIME_TOPICS, 3);
    publisher = new EventPublisher(kafka, '/patchbay/int-spec');

    const config: ConnectorRuntimeConfig = {
      logLevel: 'debug',
      httpPort: 0,
      kafka: {
        brokers: [...infra.kafkaBrokers],
        clientId: 'connector-runtime-int-spec',
        topicPartitions: 3,
        groupId,
      },
      connectionStore: { grpcUrl: `127.0.0.1:${grpcPort}`, timeoutMs: 5_000 },
      http: { actionTimeoutMs: 10_000, maxResponseBytes: 256 * 1024 },
      connectorTimeoutMs: 10_000,
      // The target and connection-store listen on loopback, which egress denies unless allowed.
      egress: { rules: LOOPBACK_ALLOWED },
      database: { url: infra.databaseUrl, poolSize: 2 },
      customConnectors: { pollIntervalMs: 1_000, maxDefinitionBytes: 1024 * 1024 },
      budget: { maxWaitMs: 10_000 },
      executionEnvironment: environment,
    };
    runtime = await startConnectorRuntime(config, runtimeLog.logger);
    collector.current = new CompletedEventsCollector(infra.kafkaBrokers);
    await collector.current.start();
  });

  after(async () => {
    await collector.current?.stop();
    await publisher?.disconnect();
    await runtime?.close();
    await store?.close();
    if (target !== undefined) {
      target.closeAllConnections();
      await new Promise((resolve) => target.close(resolve));
    }
    if (infra !== undefined)
      await withKafkaAdmin(infra.kafkaBrokers, (admin) =>
        admin.deleteTopics({
          topics: ENVIRONMENT_ROUTED_TOPICS.map((t) => environmentTopic(t, environment)),
        }),
      );
  });

  async function run(
    overrides: Partial<ActionRequested>,
  ): Promise<{ request: ActionRequested; completed: CompletedRecord }> {
    const runId = randomUUID();
    const request: ActionRequested = {
      runId,
      workflowId,
      actionName: 'Call_Target',
      attemptId: `${runId}-1`,
      idempotencyKey: `${runId}/Call_Target/0`,
      actionType: 'Http',
      inputs: { method: 'GET', uri: `${targetUrl}/json` },
      requestedAt: new Date().toISOString(),
      ...overrides,
    };
    await publisher.publish(Topics.actionRequested, request, { key: runId, destination: requestTopic });
    const completed = await waitFor(() => collector.current?.first(runId), {
      timeoutMs: 30_000,
      description: `action.completed for run ${runId}`,
    });
    return { request, completed };
  }

  it('executes an Http action with the connection and publishes the outputs', async () => {
    const { request, completed } = await run({
      connectionName,
      inputs: { method: 'GET', uri: `${targetUrl}/json`, queries: { page: 2 } },
    });
    assert.equal(completed.data.status, 'Succeeded');
    assert.equal(completed.data.actionName, request.actionName);
    assert.equal(completed.data.attemptId, request.attemptId);
    const outputs = completed.data.outputs as {
      statusCode: number;
      headers: Record<string, string>;
      body: unknown;
    };
    assert.equal(outputs.statusCode, 200);
    assert.deepEqual(outputs.body, { hello: 'world', path: '/json?page=2' });
    const call = seenByTarget.find((s) => s.headers['idempotency-key'] === request.idempotencyKey);
    assert.equal(call?.headers['x-api-key'], secret, 'the connection key reached the target');
    assert.ok(!completed.raw.includes(secret), 'the key is nowhere in the published event');
  });

  it('fails a 500 as retryable and keeps the outputs', async () => {
    const { completed } = await run({ inputs: { method: 'POST', uri: `${targetUrl}/fail`, body: { a: 1 } } });
    assert.equal(completed.data.status, 'Failed');
    assert.equal(completed.data.error?.code, 'HttpStatus500');
    assert.equal(completed.data.error?.retryable, true);
    assert.deepEqual((completed.data.outputs as { body: unknown }).body, { error: 'down for maintenance' });
  });

  it('fails an unknown actionType with a typed, non-retryable error', async () => {
    const { completed } = await run({ actionType: 'Teleport', inputs: {} });
    assert.equal(completed.data.status, 'Failed');
    assert.equal(completed.data.error?.code, 'ActionTypeNotSupported');
    assert.equal(completed.data.error?.retryable, false);
    assert.match(completed.data.error.message, /'Teleport'/);
  });

  it('fails when the workflow is not linked to the connection', async () => {
    const { completed } = await run({ workflowId: randomUUID(), connectionName });
    assert.equal(completed.data.status, 'Failed');
    assert.equal(completed.data.error?.code, 'ConnectionAccessDenied');
    assert.equal(completed.data.error?.retryable, false);
    assert.match(completed.data.error.message, new RegExp(connectionName));
  });

  it('times out an attempt whose deadline has passed', async () => {
    const { completed } = await run({ deadline: new Date(Date.now() - 1_000).toISOString() });
    assert.equal(completed.data.status, 'TimedOut');
    assert.equal(completed.data.error?.code, 'ActionTimedOut');
  });

  it('is ready when Kafka, Postgres and connection-store answer, and exports action durations', async () => {
    const base = `http://127.0.0.1:${portOf(runtime)}`;
    const ready = await fetch(`${base}/readyz`);
    const report = (await ready.json()) as { checks: Record<string, { ok: boolean }> };
    assert.equal(ready.status, 200);
    assert.deepEqual(Object.keys(report.checks).sort(), ['connection-store', 'kafka', 'postgres']);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.ok(countOf(metrics, { action_type: 'Http', status: 'Succeeded' }) >= 1);
    assert.equal(
      countOf(metrics, { action_type: 'Http', status: 'Failed' }),
      2,
      'the 500 and the denied connection',
    );
    assert.equal(countOf(metrics, { action_type: 'Http', status: 'TimedOut' }), 1);
    assert.equal(countOf(metrics, { action_type: 'unsupported', status: 'Failed' }), 1);
  });

  it('never logged the secret, in either service', () => {
    assert.ok(runtimeLog.lines.length > 0 && storeLog.lines.length > 0);
    assert.ok(!runtimeLog.lines.join('').includes(secret));
    assert.ok(!storeLog.lines.join('').includes(secret));
  });
});
