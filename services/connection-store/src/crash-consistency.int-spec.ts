import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@patchbay/testkit';
import { UNSETTLED_AFTER_MS } from './connections/connection-reaper.service.js';
import type { FaultPoint } from './fault-injection/fault-injector.js';
import { startChildStore, type ChildStore } from './test-support/child-store.js';
import {
  http,
  resolveClient,
  vaultRead,
  vaultVersions,
  type RunningStore,
} from './test-support/connection-store.harness.js';
import { startOAuthProvider, type TestOAuthProvider } from './test-support/oauth-provider.js';
import { useStoreFixture } from './test-support/store-fixture.js';

/**
 * Kills a real connection-store process (SIGKILL, no cleanup) between its Postgres and Vault writes, then
 * restarts it and checks that nothing half-written survives: no row without its Vault data, no Vault data
 * or version without its row.
 */
describe('crash between the Postgres and the Vault write', () => {
  const redirectUrl = 'http://patchbay.test/api/oauth/callback';
  let provider: TestOAuthProvider;
  before(async () => {
    provider = await startOAuthProvider({ redirectUri: redirectUrl, accessTokenTtl: 3600 });
  });
  const oauth = { redirectUrl, allowHttp: true, refreshAheadSeconds: 60, refreshIntervalMs: 3_600_000 };
  const f = useStoreFixture('cs-crash', () => ({ config: { oauth } }));
  const { q } = f;
  const children: ChildStore[] = [];

  after(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await provider?.close();
  });

  function childEnv(): Record<string, string> {
    return {
      DATABASE_URL: f.infra.databaseUrl,
      VAULT_ADDR: f.infra.vaultAddr,
      VAULT_TOKEN: f.infra.vaultToken,
      PATCHBAY_OAUTH_ALLOW_HTTP: 'true',
      // This spec is about the two-store writes of connection-store alone; connector-runtime is not started.
      PATCHBAY_CONNECTOR_CATALOG_URL: 'off',
      PATCHBAY_OAUTH_REDIRECT_URL: redirectUrl,
      OAUTH_REFRESH_AHEAD_SECONDS: '60',
      OAUTH_REFRESH_INTERVAL_MS: '3600000',
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

  async function resolveToken(
    name: string,
    workflowId: string,
    store: Pick<RunningStore, 'grpcTarget'> = f.store,
  ): Promise<string> {
    const client = resolveClient(store.grpcTarget);
    try {
      const resolved = await client.resolve({
        connectionName: name,
        workflowId,
        runId: randomUUID(),
        actionName: 'A',
        namespace: f.namespace,
      });
      const secrets = JSON.parse(resolved.secretsJson) as { token?: string; accessToken?: string };
      return secrets.token ?? secrets.accessToken ?? '';
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

  it('token refresh: killed after the Vault write -> rolled forward, the rotated refresh token is kept', async () => {
    const workflowId = randomUUID();
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'crash-oauth',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: {
        authorizationUrl: provider.authorizationUrl,
        tokenUrl: provider.tokenUrl,
        clientId: provider.clientId,
        scopes: ['api:read', 'offline_access'],
      },
      secrets: { clientSecret: provider.clientSecret },
    });
    assert.equal(created.status, 201);
    const id = created.body.id as string;
    await http(f.store, 'POST', `/api/connections/crash-oauth/links${q}`, { workflowId });
    const started = await http(f.store, 'POST', `/api/connections/crash-oauth/oauth/consent${q}`);
    const landed = await provider.consent(started.body.consentUrl as string);
    assert.equal((await http(f.store, 'GET', `/api/oauth/callback${landed.search}`)).status, 200);
    const before = (await vaultRead(f.infra, id)).data!;

    // The store believes the token is about to expire; the armed child refreshes it and dies.
    const expireSoon = (): Promise<unknown> =>
      f.db.query(
        `UPDATE connection_store.connections SET token_expires_at = now() + interval '5 seconds' WHERE id = $1`,
        [id],
      );
    await expireSoon();
    const child = await startChildStore({
      ...childEnv(),
      PATCHBAY_FAULT_INJECTION: 'update:after-vault-write',
    });
    children.push(child);
    const refreshes = provider.tokenCalls.refresh_token ?? 0;
    await assert.rejects(resolveToken('crash-oauth', workflowId, child));
    assert.deepEqual(await child.exited, { code: null, signal: 'SIGKILL' });
    assert.equal((provider.tokenCalls.refresh_token ?? 0) - refreshes, 1, 'the provider rotated the tokens');
    const halfDone = await f.db.query<{ secret_version: number; pending_secret_roll_forward: boolean }>(
      'SELECT secret_version, pending_secret_roll_forward FROM connection_store.connections WHERE id = $1',
      [id],
    );
    assert.deepEqual(halfDone.rows, [{ secret_version: 2, pending_secret_roll_forward: true }]);
    const written = (await vaultRead(f.infra, id, 3)).data!;
    assert.notEqual(written.refreshToken, before.refreshToken, 'the only refresh token that still works');

    await ageBeyondReaperThreshold(id);
    await restart();
    await waitFor(async () => (await rowOf('crash-oauth'))?.pending_secret_since === null, {
      timeoutMs: 20_000,
      description: 'the restarted store rolled the refresh forward',
    });
    assert.equal((await rowOf('crash-oauth'))?.secret_version, 3);
    assert.equal(await resolveToken('crash-oauth', workflowId), written.accessToken);
    // The kept refresh token works at the provider: the next refresh succeeds.
    await expireSoon();
    const refreshed = await resolveToken('crash-oauth', workflowId);
    assert.notEqual(refreshed, written.accessToken);
    assert.equal((await http(f.store, 'GET', `/api/connections/crash-oauth${q}`)).body.status, 'Connected');
  });
});
