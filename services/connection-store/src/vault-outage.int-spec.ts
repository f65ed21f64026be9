import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import {
  freePort,
  grpcError,
  http,
  resolveClient,
  startStore,
  type Json,
  type RunningStore,
} from './test-support/connection-store.harness.js';
import { useStoreFixture } from './test-support/store-fixture.js';

describe('connection-store while Vault is down', () => {
  const f = useStoreFixture('cs-outage');
  const q = f.q;

  before(async () => {
    // The healthy fixture store prepares a connection with a secret; the other instance sees no Vault.
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'half-made',
      connectorId: 'http',
      authType: 'bearer',
      secrets: { token: 't' },
    });
    assert.equal(created.status, 201);
  });

  let down: RunningStore;

  before(async () => {
    // Same Postgres, a Vault address where nothing listens.
    down = await startStore({
      databaseUrl: f.infra.databaseUrl,
      vaultAddr: `http://127.0.0.1:${await freePort()}`,
      vaultToken: 'none',
    });
  });

  after(async () => {
    await down?.app.close();
  });

  it('fails ResolveConnection with UNAVAILABLE, a retryable status', async () => {
    const workflowId = randomUUID();
    assert.equal(
      (await http(f.store, 'POST', `/api/connections/half-made/links${q}`, { workflowId })).status,
      201,
    );
    const client = resolveClient(down.grpcTarget);
    try {
      await assert.rejects(
        client.resolve({
          connectionName: 'half-made',
          workflowId,
          runId: randomUUID(),
          actionName: 'A',
          namespace: f.namespace,
        }),
        (error: unknown) => {
          const e = grpcError(error);
          assert.equal(e.code, grpc.status.UNAVAILABLE);
          assert.equal(e.metadata.get('patchbay-retryable')[0], 'true');
          return true;
        },
      );
    } finally {
      client.close();
    }
  });

  it('answers a create with 503 and leaves nothing resolvable', async () => {
    const answer = await http(down, 'POST', `/api/connections${q}`, {
      name: 'during-outage',
      connectorId: 'http',
      authType: 'bearer',
      secrets: { token: 't' },
    });
    assert.equal(answer.status, 503);
    assert.equal((answer.body.error as Json).code, 'VAULT_UNAVAILABLE');
    const row = await f.db.query<{ status: string }>(
      'SELECT status FROM connection_store.connections WHERE namespace = $1 AND name = $2',
      [f.namespace, 'during-outage'],
    );
    assert.deepEqual(row.rows, [{ status: 'Pending' }], 'left for the reaper, which must also clean Vault');
    assert.equal((await http(down, 'GET', '/readyz')).status, 503);
  });
});
