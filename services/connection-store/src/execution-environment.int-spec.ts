import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { Topics, type ConnectionRouting } from '@patchbay/contracts';
import { waitFor } from '@patchbay/testkit';
import {
  grpcError,
  http,
  resolveClient,
  storeClient,
  type Json,
} from './test-support/connection-store.harness.js';
import { collectTopic } from './test-support/kafka-events.js';
import { useStoreFixture } from './test-support/store-fixture.js';

/**
 * A connection pinned to an execution environment, through REST and gRPC, against real Postgres, Vault and
 * Kafka: validation names the field, ResolveConnection and GetConnectionRouting answer the environment, and a
 * re-pin publishes connection.changed (what request routers and runtimes drop their caches on).
 */
describe('execution environment of connections against real Postgres, Vault and Kafka', () => {
  let events: Awaited<ReturnType<typeof collectTopic>>;
  let admin: ReturnType<typeof storeClient>;
  const f = useStoreFixture('cs-env', (infra) => ({ config: { kafkaBrokers: [...infra.kafkaBrokers] } }));
  const { q } = f;
  const workflowId = randomUUID();
  let id: string;

  before(async () => {
    events = await collectTopic(f.infra.kafkaBrokers, Topics.connectionChanged);
    admin = storeClient(f.store.grpcTarget);
  });
  after(async () => {
    admin?.close();
    await events?.stop();
  });

  const routing = (name: string): Promise<ConnectionRouting> =>
    admin.call<ConnectionRouting>('GetConnectionRouting', { namespace: f.namespace, name });

  it('creates a connection pinned to an environment and answers it in REST, gRPC and resolution', async () => {
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'plant-db',
      connectorId: 'http',
      authType: 'apiKey',
      parameters: { headerName: 'X-Key' },
      secrets: { apiKey: `k-${randomUUID()}` },
      executionEnvironment: 'plant-east',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.executionEnvironment, 'plant-east');
    id = created.body.id as string;
    await http(f.store, 'POST', `/api/connections/plant-db/links${q}`, { workflowId });

    assert.equal(
      (await http(f.store, 'GET', `/api/connections/plant-db${q}`)).body.executionEnvironment,
      'plant-east',
    );
    const message = await admin.call<Json>('GetConnection', { namespace: f.namespace, name: 'plant-db' });
    assert.equal(message.executionEnvironment, 'plant-east');
    assert.deepEqual(await routing('plant-db'), {
      found: true,
      executionEnvironment: 'plant-east',
      cacheTtlSeconds: 30,
    });
    const resolver = resolveClient(f.store.grpcTarget);
    try {
      const resolved = await resolver.resolve({
        connectionName: 'plant-db',
        workflowId,
        runId: randomUUID(),
        actionName: 'Read',
        namespace: f.namespace,
      });
      assert.equal(resolved.executionEnvironment, 'plant-east');
    } finally {
      resolver.close();
    }
  });

  it('answers an unpinned or unknown connection with the default environment', async () => {
    const plain = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'cloud-api',
      connectorId: 'http',
      authType: 'none',
      executionEnvironment: 'default',
    });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.executionEnvironment, null);
    assert.deepEqual(await routing('cloud-api'), {
      found: true,
      executionEnvironment: '',
      cacheTtlSeconds: 30,
    });
    assert.deepEqual(await routing('no-such-connection'), {
      found: false,
      executionEnvironment: '',
      cacheTtlSeconds: 30,
    });
  });

  it('refuses an invalid environment name, naming the field and what it expects', async () => {
    const bad = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'bad-env',
      connectorId: 'http',
      authType: 'none',
      executionEnvironment: 'Plant_East',
    });
    assert.equal(bad.status, 400);
    const problems = (bad.body.error as { problems: Json[] }).problems;
    assert.deepEqual(problems, [
      {
        path: 'body.executionEnvironment',
        message: 'is not a valid execution environment name',
        expected:
          "1-40 characters from a-z 0-9 -, starting and ending with a letter or digit (e.g. 'on-prem-berlin'), or null for the default environment",
        found: '"Plant_East"',
      },
    ]);
    const patch = await http(f.store, 'PATCH', `/api/connections/plant-db${q}`, { executionEnvironment: 7 });
    assert.equal(patch.status, 400);
    assert.equal((patch.body.error as { problems: Json[] }).problems[0]?.path, 'body.executionEnvironment');
    await assert.rejects(
      admin.call('UpdateConnection', {
        namespace: f.namespace,
        name: 'plant-db',
        executionEnvironment: '-x',
      }),
      (error: unknown) => {
        const e = grpcError(error);
        assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
        assert.match(e.details, /request\.executionEnvironment is not a valid execution environment name/);
        return true;
      },
    );
  });

  it('re-pins through PATCH and gRPC, publishing connection.changed each time', async () => {
    const before = events.records.filter((r) => r.key === id).length;
    const moved = await http(f.store, 'PATCH', `/api/connections/plant-db${q}`, {
      executionEnvironment: 'plant-west',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.executionEnvironment, 'plant-west');
    await waitFor(() => events.records.filter((r) => r.key === id).length > before, {
      timeoutMs: 20_000,
      description: 'connection.changed after the re-pin',
    });
    assert.equal((await routing('plant-db')).executionEnvironment, 'plant-west');

    // A gRPC update that does not set the field leaves the environment alone.
    await admin.call('UpdateConnection', {
      namespace: f.namespace,
      name: 'plant-db',
      displayName: 'Plant DB',
    });
    assert.equal((await routing('plant-db')).executionEnvironment, 'plant-west');

    const count = events.records.filter((r) => r.key === id).length;
    const unpinned = await admin.call<Json>('UpdateConnection', {
      namespace: f.namespace,
      name: 'plant-db',
      executionEnvironment: '',
    });
    assert.equal(unpinned.executionEnvironment, '');
    await waitFor(() => events.records.filter((r) => r.key === id).length > count, {
      timeoutMs: 20_000,
      description: 'connection.changed after the unpin',
    });
    assert.deepEqual(await routing('plant-db'), {
      found: true,
      executionEnvironment: '',
      cacheTtlSeconds: 30,
    });
    assert.equal(
      (await http(f.store, 'GET', `/api/connections/plant-db${q}`)).body.executionEnvironment,
      null,
    );
  });
});
