import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { ConnectorRegistry } from '@patchbay/connector-sdk';
import { Topics, type ActionRequested } from '@patchbay/contracts';
import { typeormOptions, type EventPublisher } from '@patchbay/platform';
import { resolveInfrastructure, uniqueName, waitFor, type Infrastructure } from '@patchbay/testkit';
import { startConnectorRuntime } from '../connector-runtime.app.js';
import {
  CompletedEventsCollector,
  type CompletedRecord,
} from '../test-support/completed-events.collector.js';
import { LOOPBACK_ALLOWED } from '../test-support/operation-harness.js';
import { portOf, prepareKafka, sourceOf, testRuntimeConfig } from '../test-support/runtime-harness.js';
import {
  startTestConnectionStore,
  type TestConnectionStore,
} from '../test-support/connection-store.fixture.js';
import { hooksDefinition, ItemsApiTarget, itemsDefinition } from '../test-support/items-api.target.js';
import { CustomConnectorCatalog } from './custom-connector.catalog.js';
import {
  CONNECTOR_RUNTIME_MIGRATIONS,
  CONNECTOR_RUNTIME_SCHEMA,
} from './persistence/connector-runtime.schema.js';
import { CustomConnectorStore } from './persistence/custom-connector.store.js';

describe('custom connectors: admin API, Postgres catalogue and ApiConnection actions over real Kafka', () => {
  let infra: Infrastructure;
  let store: TestConnectionStore;
  let runtime: NestFastifyApplication;
  const target = new ItemsApiTarget();
  let targetPort: number;
  let api: string;
  let publisher: EventPublisher;
  let collector: CompletedEventsCollector;
  let otherReplica: { dataSource: DataSource; catalog: CustomConnectorCatalog } | undefined;
  const { seen } = target;
  const connectorId = `items-${randomUUID().slice(0, 8)}`;
  const connectionName = uniqueName('items');
  const pinnedConnectionName = uniqueName('items-v1');
  const hooksId = `hooks-${randomUUID().slice(0, 8)}`;
  const hooksConnectionName = uniqueName('hooks');
  const secret = `key-${randomUUID()}`;
  const workflowId = randomUUID();

  before(async () => {
    infra = await resolveInfrastructure();
    targetPort = await target.start();

    store = await startTestConnectionStore(infra);
    const { grpcPort } = store;
    for (const [name, id, parameters] of [
      [connectionName, connectorId, {}],
      [pinnedConnectionName, connectorId, { connectorVersion: '1.x' }],
      [hooksConnectionName, hooksId, undefined],
    ] as const) {
      await store.createLinked(
        parameters === undefined
          ? { name, connectorId: id, authType: 'none' }
          : { name, connectorId: id, authType: 'apiKey', parameters, secrets: { apiKey: secret } },
        workflowId,
      );
    }

    const kafka = await prepareKafka(infra);
    publisher = kafka.publisher;
    runtime = await startConnectorRuntime(
      testRuntimeConfig(infra, {
        groupId: kafka.groupId,
        grpcPort,
        // Loopback is allowed for the target; 127.0.0.2 stands for an address the rules refuse.
        egress: [{ name: 'deny-127.0.0.2', effect: 'deny', cidrs: ['127.0.0.2/32'] }, ...LOOPBACK_ALLOWED],
      }),
      pino({ level: 'warn' }),
    );
    api = `http://127.0.0.1:${portOf(runtime)}/api/connectors`;
    collector = new CompletedEventsCollector(infra.kafkaBrokers, sourceOf(kafka.groupId));
    await collector.start();
  });

  after(async () => {
    for (const version of ['0.1.0', '1.0.0', '2.0.0', '3.0.0'])
      if (api !== undefined) await fetch(`${api}/${connectorId}/versions/${version}`, { method: 'DELETE' });
    if (api !== undefined) await fetch(`${api}/${hooksId}/versions/1.0.0`, { method: 'DELETE' });
    otherReplica?.catalog.onApplicationShutdown();
    await otherReplica?.dataSource.destroy();
    await collector?.stop();
    await publisher?.disconnect();
    await runtime?.close();
    await store?.close();
    await target.stop();
  });

  async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function run(
    connection: string | undefined,
    inputs: Record<string, unknown>,
    overrides: Partial<ActionRequested> = {},
  ): Promise<CompletedRecord> {
    const runId = randomUUID();
    const request: ActionRequested = {
      runId,
      workflowId,
      actionName: 'Call_Items',
      attemptId: `${runId}-1`,
      idempotencyKey: `${runId}/Call_Items/0`,
      actionType: 'ApiConnection',
      ...(connection === undefined ? {} : { connectionName: connection }),
      inputs: connection === undefined ? inputs : { host: { connection: { name: connection } }, ...inputs },
      requestedAt: new Date().toISOString(),
      ...overrides,
    };
    await publisher.publish(Topics.actionRequested, request, { key: runId });
    return waitFor(() => collector.first(runId), {
      timeoutMs: 30_000,
      description: `action.completed for run ${runId}`,
    });
  }

  it('imports a definition as version 1.0.0 with its operations and warnings', async () => {
    const { status, json } = await post({ id: connectorId, definition: itemsDefinition(targetPort, 1) });
    assert.equal(status, 201, JSON.stringify(json));
    assert.equal(json['connectorId'], connectorId);
    assert.equal(json['version'], '1.0.0');
    assert.equal(json['title'], 'Items API');
    assert.ok(Array.isArray(json['warnings']));
    const operations = json['operations'] as { operationId: string; method: string; path: string }[];
    assert.deepEqual(operations.map((o) => `${o.operationId} ${o.method} ${o.path}`).sort(), [
      'CreateItem POST /items',
      'GetItem GET /items/{itemId}',
    ]);
    assert.deepEqual(json['authTypes'], ['apiKey']);
    assert.ok(!('definition' in json));
  });

  it('keeps versions side by side and refuses to overwrite one', async () => {
    const second = await post({ id: connectorId, definition: itemsDefinition(targetPort, 2) });
    assert.equal(second.status, 201, JSON.stringify(second.json));
    assert.equal(second.json['version'], '2.0.0');
    const again = await post({ id: connectorId, definition: itemsDefinition(targetPort, 2) });
    assert.equal(again.status, 409);
    assert.match(JSON.stringify(again.json), /body\.version/);

    const connector = (await (await fetch(`${api}/${connectorId}`)).json()) as {
      latestVersion: string;
      versions: { version: string; operationCount: number }[];
    };
    assert.equal(connector.latestVersion, '2.0.0');
    assert.deepEqual(
      connector.versions.map((v) => [v.version, v.operationCount]),
      [
        ['1.0.0', 2],
        ['2.0.0', 3],
      ],
    );
    const list = (await (await fetch(api)).json()) as { connectors: { id: string }[] };
    assert.ok(list.connectors.some((c) => c.id === connectorId));
    const stored = (await (await fetch(`${api}/${connectorId}/versions/1.0.0/definition`)).json()) as {
      definition: unknown;
    };
    assert.deepEqual(stored.definition, itemsDefinition(targetPort, 1));
  });

  it('imports from a URL through the egress rules, and names the rule that refuses one', async () => {
    const fetched = await post({
      id: connectorId,
      version: '0.1.0',
      definitionUrl: `http://127.0.0.1:${targetPort}/definitions/items.yaml`,
    });
    assert.equal(fetched.status, 201, JSON.stringify(fetched.json));
    assert.deepEqual(
      (fetched.json['operations'] as { operationId: string }[]).map((o) => o.operationId),
      ['Ping'],
    );
    assert.equal(fetched.json['sourceUrl'], `http://127.0.0.1:${targetPort}/definitions/items.yaml`);
    const refused = await post({ definitionUrl: `http://127.0.0.2:${targetPort}/definitions/items.yaml` });
    assert.equal(refused.status, 400);
    const error = refused.json['error'] as { message: string; problems: { path: string }[] };
    assert.equal(error.problems[0]?.path, 'body.definitionUrl');
    assert.match(error.message, /deny-127\.0\.0\.2/);
  });

  it('answers 400 naming each bad field, the JSON path of definition problems and external references', async () => {
    const bad = await post({ definitionUrl: 'ftp://x', id: 'Not An Id', version: '1.0', extra: true });
    assert.equal(bad.status, 400);
    const paths = (bad.json['error'] as { problems: { path: string }[] }).problems.map((p) => p.path).sort();
    assert.deepEqual(paths, ['body.definitionUrl', 'body.extra', 'body.id', 'body.version']);

    const noPaths = await post({ definition: { swagger: '2.0', info: { title: 't', version: '1' } } });
    assert.equal(noPaths.status, 400);
    assert.deepEqual(
      (noPaths.json['error'] as { problems: { path: string }[] }).problems.map((p) => p.path),
      ['body.definition.paths'],
    );

    const definition = itemsDefinition(targetPort, 1);
    (definition['paths'] as Record<string, unknown>)['/other'] = { $ref: 'file:///etc/passwd' };
    const external = await post({ id: `${connectorId}-x`, definition });
    assert.equal(external.status, 400);
    assert.deepEqual(
      (external.json['error'] as { problems: { path: string }[] }).problems.map((p) => p.path),
      ['body.definition.paths["/other"].$ref'],
    );

    const builtin = await post({ id: 'http', definition: itemsDefinition(targetPort, 1) });
    assert.equal(builtin.status, 409);
  });

  it('runs an ApiConnection action on the newest version with the connection key', async () => {
    const before = seen.length;
    const completed = await run(connectionName, {
      method: 'get',
      path: '/items/42',
      queries: { verbose: true },
    });
    assert.equal(completed.data.status, 'Succeeded', JSON.stringify(completed.data.error));
    const outputs = completed.data.outputs as { statusCode: number; body: unknown };
    assert.equal(outputs.statusCode, 200);
    assert.deepEqual(outputs.body, { id: 42, name: 'widget', verbose: true });
    const call = seen[before]!;
    assert.equal(call.url, '/api/items/42?verbose=true');
    assert.equal(call.headers['x-api-key'], secret);
    assert.ok(!completed.raw.includes(secret), 'the key never travels in action.completed');
  });

  it('fails inputs that violate the operation schema naming the field, and sends nothing', async () => {
    const before = seen.length;
    const completed = await run(connectionName, { method: 'post', path: '/items', body: { qty: 'many' } });
    assert.equal(completed.data.status, 'Failed');
    assert.equal(completed.data.error?.code, 'InvalidActionInputs');
    assert.equal(completed.data.error.retryable, false);
    assert.match(completed.data.error.message, /\/body\/qty must be integer/);
    assert.match(completed.data.error.message, /\/body\/name is required/);
    const valid = await run(connectionName, {
      method: 'post',
      path: '/items',
      body: { name: 'bolt', qty: 3 },
    });
    assert.equal(valid.data.status, 'Succeeded');
    // Only the valid call reached the target.
    assert.deepEqual(
      seen.slice(before).map((s) => `${s.method} ${s.url} ${s.body}`),
      ['POST /api/items {"name":"bolt","qty":3}'],
    );
  });

  it('routes a connection pinned to 1.x to version 1, and a deleted version stops being used', async () => {
    const pinned = await run(pinnedConnectionName, { method: 'delete', path: '/items/42' });
    assert.equal(pinned.data.status, 'Failed');
    assert.equal(pinned.data.error?.code, 'OperationNotFound');
    const newest = await run(connectionName, { method: 'delete', path: '/items/42' });
    // DeleteItem exists in 2.0.0 (the target answers 404 for it).
    assert.equal(newest.data.error?.code, 'HttpStatus404');

    const removed = await fetch(`${api}/${connectorId}/versions/2.0.0`, { method: 'DELETE' });
    assert.equal(removed.status, 204);
    assert.equal((await fetch(`${api}/${connectorId}/versions/2.0.0`)).status, 404);
    const afterDelete = await run(connectionName, { method: 'delete', path: '/items/42' });
    assert.equal(afterDelete.data.error?.code, 'OperationNotFound');
    assert.match(afterDelete.data.error.message, /DELETE \/items\/42|no operation/i);
    const again = await fetch(`${api}/${connectorId}/versions/2.0.0`, { method: 'DELETE' });
    assert.equal(again.status, 404);
  });

  it('another replica loads versions stored by this one when the catalogue revision moves', async () => {
    const dataSource = new DataSource(
      typeormOptions({
        url: infra.databaseUrl,
        schema: CONNECTOR_RUNTIME_SCHEMA,
        entities: [],
        migrations: CONNECTOR_RUNTIME_MIGRATIONS,
        poolSize: 1,
      }),
    );
    await dataSource.initialize();
    const catalog = new CustomConnectorCatalog(
      new ConnectorRegistry(),
      new CustomConnectorStore(dataSource),
      { customConnectors: { pollIntervalMs: 100, maxDefinitionBytes: 1024 * 1024 } },
      pino({ level: 'silent' }),
    );
    otherReplica = { dataSource, catalog };
    await catalog.onApplicationBootstrap();
    assert.equal(catalog.get(connectorId, '3.0.0'), undefined);
    const stored = await post({
      id: connectorId,
      version: '3.0.0',
      definition: itemsDefinition(targetPort, 2),
    });
    assert.equal(stored.status, 201);
    const loaded = await waitFor(() => catalog.get(connectorId, '3.0.0'), {
      timeoutMs: 10_000,
      description: 'the other replica loads 3.0.0',
    });
    assert.deepEqual(loaded.registered.actionIds().sort(), ['CreateItem', 'DeleteItem', 'GetItem']);
    await fetch(`${api}/${connectorId}/versions/3.0.0`, { method: 'DELETE' });
    await waitFor(() => catalog.get(connectorId, '3.0.0') === undefined, {
      timeoutMs: 10_000,
      description: 'the other replica unloads 3.0.0',
    });
  });

  it('HttpWebhook: subscribe sends the subscribe request, unsubscribe the unsubscribe request', async () => {
    const before = seen.length;
    const callbackUrl = 'https://callbacks.example/runs/1/Wait_For_Approval?sig=abc';
    const inputs = {
      subscribe: { method: 'POST', uri: `http://127.0.0.1:${targetPort}/webhooks`, body: { callbackUrl } },
      unsubscribe: { method: 'DELETE', uri: `http://127.0.0.1:${targetPort}/webhooks/9` },
    };
    const subscribed = await run(undefined, inputs, {
      actionType: 'HttpWebhook',
      operation: 'subscribe',
      callbackUrl,
    });
    assert.equal(subscribed.data.status, 'Succeeded', JSON.stringify(subscribed.data.error));
    const outputs = subscribed.data.outputs as { statusCode: number; headers: Record<string, string> };
    assert.equal(outputs.statusCode, 201);
    assert.equal(outputs.headers['location'] ?? outputs.headers['Location'], '/webhooks/9');
    const unsubscribed = await run(undefined, inputs, {
      actionType: 'HttpWebhook',
      operation: 'unsubscribe',
      subscription: subscribed.data.outputs ?? null,
    });
    assert.equal(unsubscribed.data.status, 'Succeeded');
    assert.deepEqual(
      seen.slice(before).map((s) => `${s.method} ${s.url} ${s.body}`),
      [`POST /webhooks ${JSON.stringify({ callbackUrl })}`, 'DELETE /webhooks/9 '],
    );
    const noOperation = await run(undefined, inputs, { actionType: 'HttpWebhook' });
    assert.equal(noOperation.data.error?.code, 'InvalidActionInputs');
    assert.match(noOperation.data.error.message, /operation must name one of them/);
  });

  it('ApiConnectionWebhook: a custom connector webhook gets the callback URL, then is deleted', async () => {
    const imported = await post({ id: hooksId, definition: hooksDefinition(targetPort) });
    assert.equal(imported.status, 201, JSON.stringify(imported.json));
    assert.deepEqual(
      (imported.json['operations'] as { operationId: string; trigger?: string }[]).map((o) => [
        o.operationId,
        o.trigger,
      ]),
      [['WhenItemCreated', 'webhook']],
    );
    const before = seen.length;
    const callbackUrl = 'https://callbacks.example/runs/2/When_Created?sig=def';
    const inputs = { method: 'post', path: '/hooks', body: { event: 'created' } };
    const subscribed = await run(hooksConnectionName, inputs, {
      actionType: 'ApiConnectionWebhook',
      operation: 'subscribe',
      callbackUrl,
    });
    assert.equal(subscribed.data.status, 'Succeeded', JSON.stringify(subscribed.data.error));
    assert.deepEqual(subscribed.data.outputs, { body: { location: '/api/hooks/9', statusCode: 201 } });
    const unsubscribed = await run(hooksConnectionName, inputs, {
      actionType: 'ApiConnectionWebhook',
      operation: 'unsubscribe',
      subscription: subscribed.data.outputs ?? null,
    });
    assert.equal(unsubscribed.data.status, 'Succeeded', JSON.stringify(unsubscribed.data.error));
    const calls = seen.slice(before);
    assert.deepEqual(
      calls.map((c) => `${c.method} ${c.url}`),
      ['POST /api/hooks', 'DELETE /api/hooks/9'],
    );
    assert.deepEqual(JSON.parse(calls[0]!.body), { event: 'created', callbackUrl });
  });
});
