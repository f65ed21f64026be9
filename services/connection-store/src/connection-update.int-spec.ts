import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { Topics } from '@patchbay/contracts';
import { waitFor } from '@patchbay/testkit';
import {
  grpcError,
  http,
  resolveClient,
  vaultRead,
  vaultVersions,
  type Json,
} from './test-support/connection-store.harness.js';
import { collectTopic } from './test-support/kafka-events.js';
import { useStoreFixture } from './test-support/store-fixture.js';

interface Problem {
  path: string;
  message: string;
  expected?: string;
  found?: string;
}

describe('updating connections (PATCH) against real Postgres and Vault', () => {
  let events: Awaited<ReturnType<typeof collectTopic>>;
  after(async () => {
    await events?.stop();
  });
  const f = useStoreFixture('cs-update', (infra) => ({ config: { kafkaBrokers: [...infra.kafkaBrokers] } }));
  const { q } = f;
  before(async () => {
    events = await collectTopic(f.infra.kafkaBrokers, Topics.connectionChanged);
  });

  /** Waits for a connection.changed event of this suite's connection with `status`. */
  async function changeEvent(status: string): Promise<Json> {
    const found = await waitFor(
      () =>
        events.records.find((r) => r.key === id && (r.value as Json).status === status)?.value as
          Json | undefined,
      { timeoutMs: 20_000, description: `connection.changed ${status} on Kafka` },
    );
    return found;
  }
  const workflowId = randomUUID();
  const firstSecret = `first-${randomUUID()}`;
  let id: string;

  async function resolveSecret(): Promise<string> {
    const client = resolveClient(f.store.grpcTarget);
    try {
      const resolved = await client.resolve({
        connectionName: 'billing',
        workflowId,
        runId: randomUUID(),
        actionName: 'Charge',
        namespace: f.namespace,
      });
      return (JSON.parse(resolved.secretsJson) as { token: string }).token;
    } finally {
      client.close();
    }
  }

  it('creates a connection with tags, version 1 in Vault', async () => {
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'billing',
      connectorId: 'http',
      authType: 'bearer',
      tags: { team: 'finance' },
      secrets: { token: firstSecret },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.tags, { team: 'finance' });
    id = created.body.id as string;
    assert.equal(
      (await http(f.store, 'POST', `/api/connections/billing/links${q}`, { workflowId })).status,
      201,
    );
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 1, live: [1] });
    assert.equal(await resolveSecret(), firstSecret);
  });

  it('changes tags, display name and parameters without touching Vault', async () => {
    const before = await http(f.store, 'GET', `/api/connections/billing${q}`);
    const patched = await http(f.store, 'PATCH', `/api/connections/billing${q}`, {
      displayName: 'Billing API',
      tags: { team: 'finance', env: 'prod' },
      parameters: { audience: 'billing' },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.displayName, 'Billing API');
    assert.deepEqual(patched.body.tags, { team: 'finance', env: 'prod' });
    assert.deepEqual(patched.body.parameters, { audience: 'billing' });
    assert.equal(patched.body.status, 'Connected');
    assert.deepEqual(patched.body.linkedWorkflowIds, [workflowId]);
    assert.ok((patched.body.updatedAt as string) > (before.body.updatedAt as string));
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 1, live: [1] }, 'no new Vault version');
    assert.equal(await resolveSecret(), firstSecret, 'the connection still works after a tag change');
    const event = await changeEvent('Connected');
    assert.equal(event.name, 'billing', 'connector-runtime learns of the change (drops its cache)');
  });

  it('stores a new secret as a new Vault version and resolves it', async () => {
    const second = `second-${randomUUID()}`;
    const patched = await http(f.store, 'PATCH', `/api/connections/billing${q}`, {
      secrets: { token: second },
      tags: { env: 'prod' },
    });
    assert.equal(patched.status, 200);
    assert.ok(!JSON.stringify(patched.body).includes(second));
    assert.deepEqual(patched.body.tags, { env: 'prod' });
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 2, live: [1, 2] });
    assert.deepEqual((await vaultRead(f.infra, id, 2)).data, { token: second });
    assert.equal(await resolveSecret(), second);
    const row = await f.db.query<{ secret_version: number; pending_secret_since: Date | null }>(
      'SELECT secret_version, pending_secret_since FROM connection_store.connections WHERE id = $1',
      [id],
    );
    assert.deepEqual(row.rows, [{ secret_version: 2, pending_secret_since: null }]);
    const lastUsed = (await http(f.store, 'GET', `/api/connections/billing${q}`)).body.lastUsedAt;
    assert.equal(typeof lastUsed, 'string');
  });

  it('answers bad updates with 4xx naming each field', async () => {
    const immutable = await http(f.store, 'PATCH', `/api/connections/billing${q}`, {
      authType: 'basic',
      connectorId: 'sql',
    });
    assert.equal(immutable.status, 400);
    assert.deepEqual(
      ((immutable.body.error as Json).problems as Problem[]).map((p) => [p.path, p.message]),
      [
        ['body.connectorId', 'cannot be changed; create a new connection instead'],
        ['body.authType', 'cannot be changed; create a new connection instead'],
      ],
    );
    const wrongSecret = await http(f.store, 'PATCH', `/api/connections/billing${q}`, {
      secrets: { password: 'nope-not-echoed' },
      parameters: { token: 'x' },
    });
    assert.equal(wrongSecret.status, 400);
    const problems = (wrongSecret.body.error as Json).problems as Problem[];
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body.parameters.token', 'body.secrets.token', 'body.secrets.password'],
    );
    assert.ok(!JSON.stringify(wrongSecret.body).includes('nope-not-echoed'));
    const empty = await http(f.store, 'PATCH', `/api/connections/billing${q}`, {});
    assert.equal(empty.status, 400);
    assert.equal(((empty.body.error as Json).problems as Problem[])[0]?.message, 'changes nothing');
    const missing = await http(f.store, 'PATCH', `/api/connections/nobody${q}`, { tags: {} });
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as Json).code, 'CONNECTION_NOT_FOUND');
    assert.deepEqual(await vaultVersions(f.infra, id), { current: 2, live: [1, 2] }, 'nothing written');
  });

  it('sets status Error with a reason when Vault lost the secrets, and Connected again after new ones', async () => {
    // Destroy every version behind the store's back (an operator mistake).
    const wiped = await fetch(`${f.infra.vaultAddr}/v1/secret/metadata/patchbay/connections/${id}`, {
      method: 'DELETE',
      headers: { 'X-Vault-Token': f.infra.vaultToken },
    });
    assert.equal(wiped.status, 204);
    await assert.rejects(resolveSecret(), (error: unknown) => {
      assert.equal(grpcError(error).code, grpc.status.FAILED_PRECONDITION);
      return true;
    });
    const broken = await http(f.store, 'GET', `/api/connections/billing${q}`);
    assert.equal(broken.body.status, 'Error');
    assert.equal(broken.body.statusReason, 'secrets missing from Vault');
    assert.equal((await changeEvent('Error')).statusReason, 'secrets missing from Vault');

    const third = `third-${randomUUID()}`;
    const fixed = await http(f.store, 'PATCH', `/api/connections/billing${q}`, { secrets: { token: third } });
    assert.equal(fixed.status, 200);
    assert.equal(fixed.body.status, 'Connected');
    assert.equal(fixed.body.statusReason, null);
    assert.equal(await resolveSecret(), third);
  });

  it('announces the deletion, and no event carries a secret', async () => {
    assert.equal((await http(f.store, 'DELETE', `/api/connections/billing${q}`)).status, 204);
    await changeEvent('Deleted');
    const mine = JSON.stringify(events.records.filter((r) => r.key === id));
    assert.ok(!/(first|second|third)-[0-9a-f-]{36}/.test(mine));
  });

  it('never logged a secret', () => {
    const log = f.store.lines.join('');
    assert.ok(f.store.lines.length > 0);
    assert.ok(!/(first|second|third)-[0-9a-f-]{36}/.test(log));
  });
});
