import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveInfrastructure, uniqueName, type Infrastructure } from '@patchbay/testkit';
import { VaultAuthenticator } from './vault/vault-auth.js';
import { http, type RunningStore } from './test-support/connection-store.harness.js';
import {
  assertConnectionLifecycle,
  putLeastPrivilegePolicy,
  startStoreLoggingIn,
  vaultApi,
} from './test-support/vault-login.fixture.js';

/**
 * AppRole login against a real Vault, with a token that holds only the shipped least-privilege policy
 * (deploy/vault/patchbay-policy.hcl): everything connection-store does must work with it.
 */
describe('Vault AppRole auth with the least-privilege policy', () => {
  let infra: Infrastructure;
  let store: RunningStore;
  const role = uniqueName('cs-approle');
  const namespace = uniqueName('cs-approle');

  before(async () => {
    infra = await resolveInfrastructure();
    const enabled = await vaultApi(infra, 'POST', 'sys/auth/approle', { type: 'approle' });
    // 400 "path is already in use" when an earlier run enabled it.
    assert.ok([204, 400].includes(enabled.status), `enable approle: ${enabled.status}`);
    await putLeastPrivilegePolicy(infra, role);
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
    store = await startStoreLoggingIn(infra, { method: 'approle', roleId, secretId, mount: 'approle' });
  });

  after(async () => {
    await store?.app.close();
    if (infra !== undefined) {
      await vaultApi(infra, 'DELETE', `auth/approle/role/${role}`);
      await vaultApi(infra, 'DELETE', `sys/policies/acl/${role}`);
    }
  });

  it('creates, updates, resolves and deletes a connection with the AppRole token', async () => {
    await assertConnectionLifecycle(store, namespace);
    assert.equal((await http(store, 'GET', '/readyz')).status, 200);
  });

  it('renews its token (auth/token/renew-self is in the policy)', async () => {
    const authenticator = store.app.get(VaultAuthenticator);
    assert.equal(authenticator.method, 'approle');
    await authenticator.renewNow();
  });

  it('refuses to start with wrong AppRole credentials, naming the method', async () => {
    await assert.rejects(
      startStoreLoggingIn(infra, { method: 'approle', roleId: 'nope', secretId: 'nope', mount: 'approle' }),
      /Vault approle login failed \(HTTP 400\)/,
    );
  });
});
