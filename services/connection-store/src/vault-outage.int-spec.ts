import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import pg from 'pg';
import { resolveInfrastructure, uniqueName, type Infrastructure } from '@patchbay/testkit';
import {
  freePort,
  grpcError,
  http,
  resolveClient,
  startStore,
  type Json,
  type RunningStore,
} from './test-support/connection-store.harness.js';

describe('connection-store while Vault is down', () => {
  let infra: Infrastructure;
  let store: RunningStore;
  let db: pg.Client;
  const namespace = uniqueName('cs-outage');
  const q = `?namespace=${namespace}`;

  before(async () => {
    infra = await resolveInfrastructure();
    // A healthy instance prepares a linked connection with a secret; the other one sees no Vault.
    store = await startStore({
      databaseUrl: infra.databaseUrl,
      vaultAddr: infra.vaultAddr,
      vaultToken: infra.vaultToken,
    });
    db = new pg.Client({ connectionString: infra.databaseUrl });
    await db.connect();
    const created = await http(store, 'POST', `/api/connections${q}`, {
      name: 'half-made',
      connectorId: 'http',
      authType: 'bearer',
      secrets: { token: 't' },
    });
    assert.equal(created.status, 201);
  });

  after(async () => {
    await db?.end();
    await store?.app.close();
  });

  let down: RunningStore;

  before(async () => {
    // Same Postgres, a Vault address where nothing listens.
    down = await startStore({
      databaseUrl: infra.databaseUrl,
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
      (await http(store, 'POST', `/api/connections/half-made/links${q}`, { workflowId })).status,
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
          namespace,
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
    const row = await db.query<{ status: string }>(
      'SELECT status FROM connection_store.connections WHERE namespace = $1 AND name = $2',
      [namespace, 'during-outage'],
    );
    assert.deepEqual(row.rows, [{ status: 'Pending' }], 'left for the reaper, which must also clean Vault');
    assert.equal((await http(down, 'GET', '/readyz')).status, 503);
  });
});
