import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@patchbay/testkit';
import { UNSETTLED_AFTER_MS } from './connections/connection-reaper.service.js';
import type { FaultPoint } from './fault-injection/fault-injector.js';
import { startChildStore, type ChildStore } from './test-support/child-store.js';
import { http, resolveClient, vaultRead, vaultVersions } from './test-support/connection-store.harness.js';
import { useStoreFixture } from './test-support/store-fixture.js';

/**
 * Kills a real connection-store process (SIGKILL, no cleanup) between its Postgres and Vault writes, then
 * restarts it and checks that nothing half-written survives: no row without its Vault data, no Vault data
 * or version without its row.
 */
describe('crash between the Postgres and the Vault write', () => {
  const f = useStoreFixture('cs-crash');
  const { q } = f;
  const children: ChildStore[] = [];

  after(() => {
    for (const child of children) child.process.kill('SIGKILL');
  });

  function childEnv(): Record<string, string> {
    return {
      DATABASE_URL: f.infra.databaseUrl,
      VAULT_ADDR: f.infra.vaultAddr,
      VAULT_TOKEN: f.infra.vaultToken,
    };
  }

  /** Sends `request` to a store armed to die at `point`; resolves once the process is dead. */
  async function crashAt(point: FaultPoint, method: string, path: string, body: unknown): Promise<void> {
    const child = await startChildStore({ ...childEnv(), PATCHBAY_FAULT_INJECTION: point });
    children.push(child);
    await assert.rejects(
      fetch(`${child.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      'the request never gets an answer: the process died',
    );
    assert.deepEqual(await child.exited, { code: null, signal: 'SIGKILL' });
  }

  /** Makes the half-written state look as old as a real one is when the reaper considers it. */
  async function ageBeyondReaperThreshold(id: string): Promise<void> {
    const past = new Date(Date.now() - 2 * UNSETTLED_AFTER_MS);
    await f.db.query(
      `UPDATE connection_store.connections SET updated_at = $2,
         pending_secret_since = CASE WHEN pending_secret_since IS NULL THEN NULL ELSE $2::timestamptz END
       WHERE id = $1`,
      [id, past],
    );
  }

  /** Restarts the service (no fault armed): its boot-time sweep finishes the recovery. */
  async function restart(): Promise<void> {
    children.push(await startChildStore(childEnv()));
  }

  async function rowOf(name: string): Promise<Record<string, unknown> | undefined> {
    const rows = await f.db.query<Record<string, unknown>>(
      `SELECT id, status, secret_version, pending_secret_since, secret_keys FROM connection_store.connections
       WHERE namespace = $1 AND name = $2`,
      [f.namespace, name],
    );
    return rows.rows[0];
  }

  async function resolveToken(name: string, workflowId: string): Promise<string> {
    const client = resolveClient(f.store.grpcTarget);
    try {
      const resolved = await client.resolve({
        connectionName: name,
        workflowId,
        runId: randomUUID(),
        actionName: 'A',
        namespace: f.namespace,
      });
      return (JSON.parse(resolved.secretsJson) as { token: string }).token;
    } finally {
      client.close();
    }
  }

  it('create: killed after the Vault write, before the row is settled -> both go', async () => {
    await crashAt('create:after-vault-write', 'POST', `/api/connections${q}`, {
      name: 'crash-create',
      connectorId: 'http',
      authType: 'bearer',
      secrets: { token: 'lost-create' },
    });
    const row = await rowOf('crash-create');
    assert.equal(row?.status, 'Pending', 'the crash left a half-created connection');
    const id = row.id as string;
    assert.deepEqual((await vaultRead(f.infra, id)).data, { token: 'lost-create' }, '...with its Vault data');
    assert.equal((await http(f.store, 'GET', `/api/connections/crash-create${q}`)).body.status, 'Pending');

    await ageBeyondReaperThreshold(id);
    await restart();
    await waitFor(async () => (await rowOf('crash-create')) === undefined, {
      timeoutMs: 20_000,
      description: 'the restarted store removed the half-created row',
    });
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 0, live: [] }, 'Vault data gone too');
  });

  for (const point of ['update:after-intent', 'update:after-vault-write'] as const) {
    it(`update of secrets: killed at ${point} -> the old version stays in use, the new one is gone`, async () => {
      const name = `crash-${point.replace(/[^a-z]/g, '-')}`;
      const oldToken = `old-${randomUUID()}`;
      const newToken = `new-${randomUUID()}`;
      const workflowId = randomUUID();
      const created = await http(f.store, 'POST', `/api/connections${q}`, {
        name,
        connectorId: 'http',
        authType: 'bearer',
        secrets: { token: oldToken },
      });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      await http(f.store, 'POST', `/api/connections/${name}/links${q}`, { workflowId });

      await crashAt(point, 'PATCH', `/api/connections/${name}${q}`, {
        secrets: { token: newToken },
        displayName: 'never applied',
      });
      const halfDone = await rowOf(name);
      assert.notEqual(halfDone?.pending_secret_since, null, 'the crash left a secret change in flight');
      assert.equal(halfDone?.secret_version, 1);
      const expectedInVault = point === 'update:after-vault-write' ? [1, 2] : [1];
      assert.deepEqual((await vaultVersions(f.infra, id)).live, expectedInVault);
      assert.equal(await resolveToken(name, workflowId), oldToken, 'resolves keep the old version meanwhile');

      await ageBeyondReaperThreshold(id);
      await restart();
      await waitFor(async () => (await rowOf(name))?.pending_secret_since === null, {
        timeoutMs: 20_000,
        description: 'the restarted store rolled the secret change back',
      });
      assert.deepEqual((await vaultVersions(f.infra, id)).live, [1], 'no Vault version without its row');
      assert.equal((await rowOf(name))?.secret_version, 1);
      const view = await http(f.store, 'GET', `/api/connections/${name}${q}`);
      assert.equal(view.body.displayName, name, 'the metadata of the crashed update was not applied');
      assert.equal(view.body.status, 'Connected');
      assert.equal(await resolveToken(name, workflowId), oldToken);

      const retried = await http(f.store, 'PATCH', `/api/connections/${name}${q}`, {
        secrets: { token: newToken },
      });
      assert.equal(retried.status, 200, 'the connection takes updates again');
      assert.equal(await resolveToken(name, workflowId), newToken);
    });
  }
});
