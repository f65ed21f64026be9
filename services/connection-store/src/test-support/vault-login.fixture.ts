import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot, type Infrastructure } from '@patchbay/testkit';
import type { VaultAuthConfig } from '../vault/vault-auth.js';
import { http, resolveClient, startStore, type RunningStore } from './connection-store.harness.js';

/** Calls Vault's HTTP API with the root token (test setup only). */
export async function vaultApi(
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

/** The shipped least-privilege policy (deploy/vault/patchbay-policy.hcl), stored in Vault as `name`. */
export async function putLeastPrivilegePolicy(infra: Infrastructure, name: string): Promise<void> {
  const policy = await readFile(join(findRepoRoot(), 'deploy/vault/patchbay-policy.hcl'), 'utf8');
  assert.equal((await vaultApi(infra, 'PUT', `sys/policies/acl/${name}`, { policy })).status, 204);
}

/** A connection-store with no Vault token of its own: it logs in to Vault with `auth`. */
export function startStoreLoggingIn(infra: Infrastructure, auth: VaultAuthConfig): Promise<RunningStore> {
  return startStore({
    databaseUrl: infra.databaseUrl,
    vaultAddr: infra.vaultAddr,
    vaultToken: '',
    config: { vault: { address: infra.vaultAddr, token: '', requestTimeoutMs: 2_000, auth } },
  });
}

/**
 * Everything connection-store does with Vault, through its API: creates a connection, links it, replaces its
 * secret, resolves it over gRPC (the new secret comes back) and deletes it.
 */
export async function assertConnectionLifecycle(store: RunningStore, namespace: string): Promise<void> {
  const q = `?namespace=${namespace}`;
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
}
