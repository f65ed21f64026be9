import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { grpcError, http, resolveClient, type Json } from './test-support/connection-store.harness.js';
import { useStoreFixture } from './test-support/store-fixture.js';

interface Affected {
  id: string;
  namespace: string;
  name: string;
  connectorId: string;
  linkedWorkflowIds: string[];
  reason?: string;
}

describe('connector policies against real Postgres and Vault', () => {
  // Global policies reach every namespace: a connector id of this run's own keeps other suites unaffected.
  const suffix = randomUUID().slice(0, 8);
  const globalPolicy = `no-legacy-${suffix}`;
  // Registered before the fixture's own after-hook, so it runs while the store is still up.
  after(async () => {
    await http(f.store, 'DELETE', `/api/connector-policies/${globalPolicy}`);
    await http(f.store, 'DELETE', `/api/connector-policies/only-http-${suffix}`);
  });
  const f = useStoreFixture('cs-policy');
  const { q } = f;
  const legacy = `legacy-${suffix}`;
  const sql = `sql-${suffix}`;
  const workflowId = randomUUID();

  async function resolve(name: string): Promise<unknown> {
    const client = resolveClient(f.store.grpcTarget);
    try {
      return await client.resolve({
        connectionName: name,
        workflowId,
        runId: randomUUID(),
        actionName: 'Use',
        namespace: f.namespace,
      });
    } finally {
      client.close();
    }
  }

  function mine(list: unknown): Affected[] {
    return (list as Affected[]).filter((c) => c.namespace === f.namespace);
  }

  it('lists, in a dry run, the connections and workflows a deny-list would block, without applying it', async () => {
    for (const [name, connectorId] of [
      ['old-system', legacy],
      ['web', 'http'],
    ] as const) {
      const created = await http(f.store, 'POST', `/api/connections${q}`, {
        name,
        connectorId,
        authType: 'bearer',
        secrets: { token: `t-${name}` },
      });
      assert.equal(created.status, 201);
      await http(f.store, 'POST', `/api/connections/${name}/links${q}`, { workflowId });
    }
    await resolve('old-system');

    const dry = await http(f.store, 'POST', `/api/connector-policies/${globalPolicy}/dry-run`, {
      mode: 'deny',
      connectorIds: [legacy],
    });
    assert.equal(dry.status, 200);
    assert.deepEqual(
      mine(dry.body.blocked).map(({ id: _id, ...rest }) => rest),
      [
        {
          namespace: f.namespace,
          name: 'old-system',
          connectorId: legacy,
          linkedWorkflowIds: [workflowId],
          reason: `connector '${legacy}' is blocked by policy '${globalPolicy}' (deny-list, global)`,
        },
      ],
    );
    assert.ok((dry.body.affectedWorkflowIds as string[]).includes(workflowId));
    assert.deepEqual(mine(dry.body.unblocked), []);
    assert.equal((await http(f.store, 'GET', `/api/connector-policies/${globalPolicy}`)).status, 404);
    await resolve('old-system');
  });

  it('blocks a connector while connections of it exist: resolve fails naming the policy, and is audited', async () => {
    const put = await http(f.store, 'PUT', `/api/connector-policies/${globalPolicy}`, {
      mode: 'deny',
      connectorIds: [legacy],
      description: 'retired system',
    });
    assert.equal(put.status, 201);
    assert.equal(put.body.scope, 'global');

    await assert.rejects(resolve('old-system'), (error: unknown) => {
      const e = grpcError(error);
      assert.equal(e.code, grpc.status.PERMISSION_DENIED);
      assert.equal(
        e.details,
        `connector '${legacy}' is blocked by policy '${globalPolicy}' (deny-list, global)`,
      );
      assert.equal(e.metadata.get('patchbay-error-code')[0], 'CONNECTOR_BLOCKED');
      return true;
    });
    await resolve('web');
    const audit = await f.db.query<{ outcome: string; reason: string }>(
      `SELECT a.outcome, a.reason FROM connection_store.audit_log a
       JOIN connection_store.connections c ON c.id = a.connection_id
       WHERE c.namespace = $1 AND c.name = 'old-system' ORDER BY a.id DESC LIMIT 1`,
      [f.namespace],
    );
    assert.deepEqual(audit.rows, [{ outcome: 'Denied', reason: `blocked by policy '${globalPolicy}'` }]);
    // The connection itself is left as it is: unblocking makes it work again.
    assert.equal((await http(f.store, 'GET', `/api/connections/old-system${q}`)).body.status, 'Connected');
  });

  it('refuses to create a connection of a blocked connector with 403 naming the field and the policy', async () => {
    const answer = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'another-old',
      connectorId: legacy,
      authType: 'none',
    });
    assert.equal(answer.status, 403);
    const error = answer.body.error as { code: string; problems: { path: string; message: string }[] };
    assert.equal(error.code, 'CONNECTOR_BLOCKED');
    assert.deepEqual(
      error.problems.map((p) => [p.path, p.message]),
      [
        [
          'body.connectorId',
          `connector '${legacy}' is blocked by policy '${globalPolicy}' (deny-list, global)`,
        ],
      ],
    );
    assert.equal((await http(f.store, 'GET', `/api/connections/another-old${q}`)).status, 404);
  });

  it('applies a namespace allow-list in its namespace only', async () => {
    const policy = `only-http-${suffix}`;
    const put = await http(f.store, 'PUT', `/api/connector-policies/${policy}`, {
      namespace: f.namespace,
      mode: 'allow',
      connectorIds: ['http'],
    });
    assert.equal(put.status, 201);
    const refused = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'db',
      connectorId: sql,
      authType: 'none',
    });
    assert.equal(refused.status, 403);
    assert.match(
      (refused.body.error as Json).message as string,
      new RegExp(`not allowed by policy '${policy}' \\(allow-list, namespace '${f.namespace}'\\)`),
    );
    const elsewhere = `${f.namespace}-b`;
    const allowed = await http(f.store, 'POST', `/api/connections?namespace=${elsewhere}`, {
      name: 'db',
      connectorId: sql,
      authType: 'none',
    });
    assert.equal(allowed.status, 201);
    assert.equal((await http(f.store, 'DELETE', `/api/connections/db?namespace=${elsewhere}`)).status, 204);
    await resolve('web');
    assert.equal((await http(f.store, 'DELETE', `/api/connector-policies/${policy}`)).status, 204);
  });

  it('shows in a dry run which connections a change would unblock, then unblocking restores resolves', async () => {
    const dry = await http(f.store, 'POST', `/api/connector-policies/${globalPolicy}/dry-run`, {
      mode: 'deny',
      connectorIds: [`something-else-${suffix}`],
    });
    assert.equal(dry.status, 200);
    assert.deepEqual(
      mine(dry.body.unblocked).map((c) => c.name),
      ['old-system'],
    );
    assert.deepEqual(mine(dry.body.blocked), []);
    assert.equal((await http(f.store, 'DELETE', `/api/connector-policies/${globalPolicy}`)).status, 204);
    await resolve('old-system');
  });

  it('answers a bad policy with one problem per field', async () => {
    const answer = await http(f.store, 'PUT', '/api/connector-policies/bad', {
      namespace: 'Not Valid',
      mode: 'block',
      connectorIds: ['http', 'http'],
      extra: true,
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(
      ((answer.body.error as Json).problems as { path: string; message: string }[]).map((p) => [
        p.path,
        p.message,
      ]),
      [
        ['body.namespace', 'is not a valid namespace'],
        ['body.mode', "must be 'deny' or 'allow'"],
        ['body.connectorIds', 'names a connector twice'],
        ['body.extra', 'is not a known field'],
      ],
    );
    assert.equal((await http(f.store, 'GET', '/api/connector-policies/nope')).status, 404);
  });
});
