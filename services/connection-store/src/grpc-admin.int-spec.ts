import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import {
  grpcError,
  resolveClient,
  storeClient,
  vaultRead,
  vaultVersions,
} from './test-support/connection-store.harness.js';
import { useStoreFixture } from './test-support/store-fixture.js';

interface ConnectionMessage {
  id: string;
  name: string;
  displayName: string;
  status: string;
  tags: Record<string, string>;
  secretKeys: string[];
  parametersJson: string;
  linkedWorkflowIds: string[];
  lastUsedAt: string;
}

describe('gRPC admin API (mirrors REST) against real Postgres and Vault', () => {
  const f = useStoreFixture('cs-grpc');
  let admin: ReturnType<typeof storeClient>;
  const secret = `grpc-${randomUUID()}`;
  const workflowId = randomUUID();
  let id: string;

  before(() => {
    admin = storeClient(f.store.grpcTarget);
  });
  after(() => admin?.close());

  const ns = (): { namespace: string } => ({ namespace: f.namespace });

  it('creates a connection; the answer lists secret names, never values', async () => {
    const created = await admin.call<ConnectionMessage>('CreateConnection', {
      ...ns(),
      name: 'erp',
      connectorId: 'http',
      authType: 'apiKey',
      tags: { team: 'ops' },
      parametersJson: JSON.stringify({ headerName: 'X-Api-Key' }),
      secrets: { apiKey: secret },
    });
    assert.equal(created.status, 'Connected');
    assert.deepEqual(created.tags, { team: 'ops' });
    assert.deepEqual(created.secretKeys, ['apiKey']);
    assert.deepEqual(JSON.parse(created.parametersJson), { headerName: 'X-Api-Key' });
    assert.ok(!JSON.stringify(created).includes(secret));
    id = created.id;
    assert.deepEqual((await vaultRead(f.infra, id)).data, { apiKey: secret });
  });

  it('answers a bad create with INVALID_ARGUMENT naming each request field', async () => {
    await assert.rejects(
      admin.call('CreateConnection', {
        ...ns(),
        name: 'bad name',
        connectorId: 'http',
        authType: 'basic',
        parametersJson: '[1]',
      }),
      (error: unknown) => {
        const e = grpcError(error);
        assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
        assert.equal(e.details, 'request.parametersJson is not a JSON object');
        return true;
      },
    );
    await assert.rejects(
      admin.call('CreateConnection', { ...ns(), name: 'bad name', connectorId: 'http', authType: 'basic' }),
      (error: unknown) => {
        const e = grpcError(error);
        assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
        assert.match(e.details, /^connection is invalid: request\.name is not a valid connection name$/);
        return true;
      },
    );
  });

  it('updates tags without touching Vault, and secrets as a new Vault version', async () => {
    const tagged = await admin.call<ConnectionMessage>('UpdateConnection', {
      ...ns(),
      name: 'erp',
      tags: { entries: { team: 'finance' } },
      displayName: 'ERP',
    });
    assert.deepEqual(tagged.tags, { team: 'finance' });
    assert.equal(tagged.displayName, 'ERP');
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 1, live: [1] });

    const rotated = await admin.call<ConnectionMessage>('UpdateConnection', {
      ...ns(),
      name: 'erp',
      secrets: { entries: { apiKey: `${secret}-2` } },
    });
    assert.deepEqual(rotated.tags, { team: 'finance' }, 'unset fields stay');
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 2, live: [1, 2] });
    await assert.rejects(
      admin.call('UpdateConnection', { ...ns(), name: 'erp', secrets: { entries: { password: 'x' } } }),
      (error: unknown) => {
        const e = grpcError(error);
        assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
        assert.match(e.details, /request\.secrets\.apiKey is required for authType 'apiKey'/);
        return true;
      },
    );
    await assert.rejects(
      admin.call('UpdateConnection', { ...ns(), name: 'erp' }),
      (error: unknown) =>
        grpcError(error).details === 'connection update is invalid: request changes nothing',
    );
  });

  it('links and unlinks workflows; a linked workflow resolves', async () => {
    const linked = await admin.call<{ created: boolean; connection: ConnectionMessage }>('LinkWorkflow', {
      ...ns(),
      name: 'erp',
      workflowId,
    });
    assert.equal(linked.created, true);
    assert.deepEqual(linked.connection.linkedWorkflowIds, [workflowId]);
    assert.equal(
      (await admin.call<{ created: boolean }>('LinkWorkflow', { ...ns(), name: 'erp', workflowId })).created,
      false,
    );
    const resolver = resolveClient(f.store.grpcTarget);
    try {
      const resolved = await resolver.resolve({
        connectionName: 'erp',
        workflowId,
        runId: randomUUID(),
        actionName: 'A',
        namespace: f.namespace,
      });
      assert.deepEqual(JSON.parse(resolved.secretsJson), { apiKey: `${secret}-2` });
    } finally {
      resolver.close();
    }
    const fetched = await admin.call<ConnectionMessage>('GetConnection', { ...ns(), name: 'erp' });
    assert.notEqual(fetched.lastUsedAt, '');
    await admin.call('UnlinkWorkflow', { ...ns(), name: 'erp', workflowId });
    await assert.rejects(
      admin.call('UnlinkWorkflow', { ...ns(), name: 'erp', workflowId }),
      (error: unknown) => grpcError(error).code === grpc.status.NOT_FOUND,
    );
    await assert.rejects(
      admin.call('LinkWorkflow', { ...ns(), name: 'erp', workflowId: 'nope' }),
      (error: unknown) =>
        grpcError(error).details === 'workflow id is invalid: request.workflowId is not a UUID',
    );
  });

  it('TestConnection without a connector catalogue is UNAVAILABLE (retryable), the status untouched', async () => {
    await assert.rejects(admin.call('TestConnection', { ...ns(), name: 'erp' }), (error: unknown) => {
      const e = grpcError(error);
      assert.equal(e.code, grpc.status.UNAVAILABLE);
      assert.deepEqual(e.metadata.get('patchbay-error-code'), ['CONNECTOR_CATALOG_UNAVAILABLE']);
      assert.deepEqual(e.metadata.get('patchbay-retryable'), ['true']);
      return true;
    });
    await assert.rejects(admin.call('TestConnection', { ...ns(), name: 'nope' }), (error: unknown) => {
      assert.equal(grpcError(error).code, grpc.status.NOT_FOUND);
      return true;
    });
    const after = await admin.call<ConnectionMessage>('GetConnection', { ...ns(), name: 'erp' });
    assert.equal(after.status, 'Connected');
  });

  it('lists and deletes; the Vault data goes too', async () => {
    const listed = await admin.call<{ connections: ConnectionMessage[] }>('ListConnections', ns());
    assert.deepEqual(
      listed.connections.map((c) => c.name),
      ['erp'],
    );
    await admin.call('DeleteConnection', { ...ns(), name: 'erp' });
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 0, live: [] });
    await assert.rejects(
      admin.call('GetConnection', { ...ns(), name: 'erp' }),
      (error: unknown) => grpcError(error).code === grpc.status.NOT_FOUND,
    );
  });
});
