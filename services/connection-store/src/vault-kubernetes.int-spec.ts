import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInfrastructure, uniqueName, type Infrastructure } from '@patchbay/testkit';
import { VaultAuthenticator } from './vault/vault-auth.js';
import type { RunningStore } from './test-support/connection-store.harness.js';
import {
  assertConnectionLifecycle,
  putLeastPrivilegePolicy,
  startStoreLoggingIn,
  vaultApi,
} from './test-support/vault-login.fixture.js';
import { KubernetesApiEmulator, type ServiceAccount } from './test-support/kubernetes-api.emulator.js';

/**
 * VAULT_AUTH_METHOD=kubernetes against a real Vault, whose kubernetes auth method (a mount of this spec's own)
 * checks the service account token with a TokenReview. THE KUBERNETES API SIDE IS EMULATED: no cluster is
 * available, so `KubernetesApiEmulator` (an HTTPS server written for this test) answers the TokenReview. Vault's
 * side, connection-store's login, the least-privilege policy and the whole connection lifecycle are real.
 */
describe('Vault Kubernetes auth (the Kubernetes API is emulated) with the least-privilege policy', () => {
  let infra: Infrastructure;
  let store: RunningStore;
  const k8s = new KubernetesApiEmulator();
  const mount = `k8s-${randomUUID().slice(0, 8)}`;
  const role = 'patchbay-connection-store';
  const policyName = uniqueName('cs-k8s');
  const namespace = uniqueName('cs-k8s');
  const account: ServiceAccount = { namespace: 'patchbay', name: 'connection-store', uid: randomUUID() };
  const tokenDir = mkdtempSync(join(tmpdir(), 'pb-sa-'));
  const tokenPath = join(tokenDir, 'token');

  const storeWith = (path: string) =>
    startStoreLoggingIn(infra, { method: 'kubernetes', role, mount, tokenPath: path });

  before(async () => {
    infra = await resolveInfrastructure();
    await k8s.start();
    assert.equal((await vaultApi(infra, 'POST', `sys/auth/${mount}`, { type: 'kubernetes' })).status, 204);
    const configured = await vaultApi(infra, 'POST', `auth/${mount}/config`, {
      kubernetes_host: k8s.url,
      kubernetes_ca_cert: k8s.caCert,
      token_reviewer_jwt: k8s.reviewerToken,
      disable_local_ca_jwt: true,
    });
    assert.equal(configured.status, 204, await configured.text());
    await putLeastPrivilegePolicy(infra, policyName);
    const created = await vaultApi(infra, 'POST', `auth/${mount}/role/${role}`, {
      bound_service_account_names: [account.name],
      bound_service_account_namespaces: [account.namespace],
      token_policies: [policyName],
      token_ttl: '10m',
      token_max_ttl: '1h',
    });
    assert.equal(created.status, 204, await created.text());
    writeFileSync(tokenPath, k8s.issueToken(account));
    store = await storeWith(tokenPath);
  });

  after(async () => {
    await store?.app.close();
    await k8s.stop();
    rmSync(tokenDir, { recursive: true, force: true });
    if (infra !== undefined) {
      await vaultApi(infra, 'DELETE', `sys/auth/${mount}`);
      await vaultApi(infra, 'DELETE', `sys/policies/acl/${policyName}`);
    }
  });

  it('logs in with the service account token; Vault asked the (emulated) API server to review it', () => {
    assert.equal(store.app.get(VaultAuthenticator).method, 'kubernetes');
    assert.ok(k8s.reviews.some((r) => r.authenticated && r.reviewerAuthorized));
  });

  it('creates, updates, resolves and deletes a connection with the Kubernetes-issued Vault token', async () => {
    await assertConnectionLifecycle(store, namespace);
    await store.app.get(VaultAuthenticator).renewNow();
  });

  it('refuses to start when the API server does not recognise the token, naming the method', async () => {
    const stranger = join(tokenDir, 'stranger');
    writeFileSync(stranger, k8s.issueToken(account, false));
    const reviewed = k8s.reviews.length;
    await assert.rejects(
      storeWith(stranger).then(async (started) => {
        await started.app.close();
        return started;
      }),
      /Vault kubernetes login failed \(HTTP 403\)/,
    );
    assert.deepEqual(k8s.reviews.slice(reviewed), [{ authenticated: false, reviewerAuthorized: true }]);
  });
});
