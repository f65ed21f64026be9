import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot, resolveInfrastructure, uniqueName, type Infrastructure } from '@patchbay/testkit';
import { VaultAuthenticator } from './vault/vault-auth.js';
import {
  http,
  resolveClient,
  startStore,
  type RunningStore,
} from './test-support/connection-store.harness.js';

/** Calls Vault's HTTP API with the root token (test setup only). */
async function vaultApi(
  infra: Infrastructure,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${infra.vaultAddr}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': infra.vaultToken, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * AppRole login against a real Vault, with a token that holds only the shipped least-privilege policy
 * (deploy/vault/patchbay-policy.hcl): everything connection-store does must work with it.
 */
describe('Vault AppRole auth with the least-privilege policy', () => {
  let infra: Infrastructure;
  let store: RunningStore;
  const role = uniqueName('cs-approle');
  const namespace = uniqueName('cs-approle');
  const q = `?namespace=${namespace}`;

  before(async () => {
    infra = await resolveInfrastructure();
    const enabled = await vaultApi(infra, 'POST', 'sys/auth/approle', { type: 'approle' });
    // 400 "path is already in use" when an earlier run enabled it.
    assert.ok([204, 400].includes(enabled.status), `enable approle: ${enabled.status}`);
    const policy = await readFile(join(findRepoRoot(), 'deploy/vault/patchbay-policy.hcl'), 'utf8');
    assert.equal((await vaultApi(infra, 'PUT', `sys/policies/acl/${role}`, { policy })).status, 204);
    const created = await vaultApi(infra, 'POST', `auth/approle/role/${role}`, {
      token_policies: [role],
      token_ttl: '10m',
      token_max_ttl: '1h',
    });
    assert.equal(created.status, 204);
    const roleId = (
      (await (await vaultApi(infra, 'GET', `auth/approle/role/${role}/role-id`)).json()) as {
        data: { role_id: string };
      }
    ).data.role_id;
    const secretId = (
      (await (await vaultApi(infra, 'POST', `auth/approle/role/${role}/secret-id`, {})).json()) as {
        data: { secret_id: string };
      }
    ).data.secret_id;
    store = await startStore({
      databaseUrl: infra.databaseUrl,
      vaultAddr: infra.vaultAddr,
      vaultToken: '',
      config: {
        vault: {
          address: infra.vaultAddr,
          token: '',
          requestTimeoutMs: 2_000,
          auth: { method: 'approle', roleId, secretId, mount: 'approle' },
        },
      },
    });
  });

  after(async () => {
    await store?.app.close();
    if (infra !== undefined) {
      await vaultApi(infra, 'DELETE', `auth/approle/role/${role}`);
      await vaultApi(infra, 'DELETE', `sys/policies/acl/${role}`);
    }
  });

  it('creates, updates, resolves and deletes a connection with the AppRole token', async () => {
    const workflowId = randomUUID();
    const created = await http(store, 'POST', `/api/connections${q}`, {
      name: 'svc',
      connectorId: 'http',
      authType: 'bearer',
      secrets: { token: 'first' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await http(store, 'POST', `/api/connections/svc/links${q}`, { workflowId })).status, 201);
    const patched = await http(store, 'PATCH', `/api/connections/svc${q}`, { secrets: { token: 'second' } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const client = resolveClient(store.grpcTarget);
    try {
      const resolved = await client.resolve({
        connectionName: 'svc',
        workflowId,
        runId: randomUUID(),
        actionName: 'A',
        namespace,
      });
      assert.deepEqual(JSON.parse(resolved.secretsJson), { token: 'second' });
    } finally {
      client.close();
    }
    assert.equal((await http(store, 'DELETE', `/api/connections/svc${q}`)).status, 204);
    assert.equal((await http(store, 'GET', '/readyz')).status, 200);
  });

  it('renews its token (auth/token/renew-self is in the policy)', async () => {
    const authenticator = store.app.get(VaultAuthenticator);
    assert.equal(authenticator.method, 'approle');
    await authenticator.renewNow();
  });

  it('refuses to start with wrong AppRole credentials, naming the method', async () => {
    await assert.rejects(
      startStore({
        databaseUrl: infra.databaseUrl,
        vaultAddr: infra.vaultAddr,
        vaultToken: '',
        config: {
          vault: {
            address: infra.vaultAddr,
            token: '',
            requestTimeoutMs: 2_000,
            auth: { method: 'approle', roleId: 'nope', secretId: 'nope', mount: 'approle' },
          },
        },
      }),
      /Vault approle login failed \(HTTP 400\)/,
    );
  });
});
