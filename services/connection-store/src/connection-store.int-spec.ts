import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { ConnectionReaper } from './connections/connection-reaper.service.js';
import {
  grpcError,
  http,
  resolveClient,
  vaultRead,
  type Json,
} from './test-support/connection-store.harness.js';
import { useStoreFixture } from './test-support/store-fixture.js';

describe('connection-store against real Postgres and Vault', () => {
  const f = useStoreFixture('cs');
  const { namespace, q } = f;

  /** Every row of the service's tables that mentions the connection, as text. */
  async function rowsMentioning(connectionId: string): Promise<string> {
    const result = await f.db.query<{ row: string }>(
      `SELECT row_to_json(c)::text AS row FROM connection_store.connections c WHERE id = $1
       UNION ALL SELECT row_to_json(l)::text FROM connection_store.connection_links l WHERE connection_id = $1
       UNION ALL SELECT row_to_json(a)::text FROM connection_store.audit_log a WHERE connection_id = $1`,
      [connectionId],
    );
    return result.rows.map((r) => r.row).join('\n');
  }

  it('keeps the secret in Vault only: not in Postgres, not in the API answer', async () => {
    const secret = `sk-${randomUUID()}`;
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'crm-api',
      connectorId: 'http',
      displayName: 'CRM',
      authType: 'apiKey',
      parameters: { headerName: 'X-Api-Key' },
      secrets: { apiKey: secret },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'Connected');
    assert.deepEqual(created.body.secretKeys, ['apiKey']);
    assert.ok(!JSON.stringify(created.body).includes(secret));
    const id = created.body.id as string;

    const rows = await rowsMentioning(id);
    assert.match(rows, /"auth_type":"apiKey"/, 'the row is there');
    assert.ok(!rows.includes(secret), 'no secret in any connection_store table');

    const vault = await vaultRead(f.infra, id);
    assert.deepEqual(vault, { status: 200, data: { apiKey: secret } });

    const fetched = await http(f.store, 'GET', `/api/connections/crm-api${q}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body.parameters, { headerName: 'X-Api-Key' });
    assert.ok(!JSON.stringify(fetched.body).includes(secret));
    const listed = await http(f.store, 'GET', `/api/connections${q}`);
    assert.deepEqual(
      (listed.body.connections as Json[]).map((c) => c.name),
      ['crm-api'],
    );
  });

  it('answers a bad create with one problem per field', async () => {
    const answer = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'bad name',
      connectorId: 'http',
      authType: 'basic',
      secrets: { password: 'pw' },
    });
    assert.equal(answer.status, 400);
    const error = answer.body.error as {
      code: string;
      problems: { path: string; message: string; expected?: string; found?: string }[];
    };
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      error.problems.map((p) => p.path),
      ['body.name'],
    );
    const duplicate = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'crm-api',
      connectorId: 'http',
      authType: 'none',
    });
    assert.equal(duplicate.status, 409);
    assert.equal((duplicate.body.error as Json).code, 'CONNECTION_NAME_TAKEN');
  });

  it('resolves over gRPC for a linked workflow, audits it and stamps lastUsedAt', async () => {
    const workflowId = randomUUID();
    const runId = randomUUID();
    const linked = await http(f.store, 'POST', `/api/connections/crm-api/links${q}`, { workflowId });
    assert.equal(linked.status, 201);
    assert.deepEqual(linked.body.linkedWorkflowIds, [workflowId]);
    assert.equal(
      (await http(f.store, 'POST', `/api/connections/crm-api/links${q}`, { workflowId })).status,
      200,
    );

    const client = resolveClient(f.store.grpcTarget);
    try {
      const resolved = await client.resolve({
        connectionName: 'crm-api',
        workflowId,
        runId,
        actionName: 'Call_CRM',
        namespace,
      });
      assert.equal(resolved.connectionName, 'crm-api');
      assert.equal(resolved.connectorId, 'http');
      assert.equal(resolved.authType, 'apiKey');
      assert.deepEqual(JSON.parse(resolved.parametersJson), { headerName: 'X-Api-Key' });
      const secrets = JSON.parse(resolved.secretsJson) as Record<string, string>;
      assert.match(secrets.apiKey!, /^sk-/);
      assert.equal(resolved.cacheTtlSeconds, 30);

      const audit = await f.db.query<{
        workflow_id: string;
        run_id: string;
        action_name: string;
        outcome: string;
      }>(
        'SELECT workflow_id, run_id, action_name, outcome FROM connection_store.audit_log WHERE connection_id = $1 ORDER BY id',
        [resolved.connectionId],
      );
      assert.deepEqual(audit.rows, [
        { workflow_id: workflowId, run_id: runId, action_name: 'Call_CRM', outcome: 'Granted' },
      ]);
      const fetched = await http(f.store, 'GET', `/api/connections/crm-api${q}`);
      assert.equal(typeof fetched.body.lastUsedAt, 'string');
      assert.ok(!(await rowsMentioning(resolved.connectionId)).includes(secrets.apiKey!));
    } finally {
      client.close();
    }
  });

  it('denies a workflow that is not linked, naming the connection and the workflow', async () => {
    const stranger = randomUUID();
    const client = resolveClient(f.store.grpcTarget);
    try {
      await assert.rejects(
        client.resolve({
          connectionName: 'crm-api',
          workflowId: stranger,
          runId: randomUUID(),
          actionName: 'Sneak',
          namespace,
        }),
        (error: unknown) => {
          const e = grpcError(error);
          assert.equal(e.code, grpc.status.PERMISSION_DENIED);
          assert.match(e.details, new RegExp(`workflow ${stranger} is not linked to connection 'crm-api'`));
          assert.equal(e.metadata.get('patchbay-error-code')[0], 'CONNECTION_NOT_LINKED');
          return true;
        },
      );
      const denied = await f.db.query(
        'SELECT 1 FROM connection_store.audit_log WHERE workflow_id = $1 AND outcome = $2',
        [stranger, 'Denied'],
      );
      assert.equal(denied.rowCount, 1);
      await assert.rejects(
        client.resolve({
          connectionName: 'no-such',
          workflowId: stranger,
          runId: randomUUID(),
          actionName: 'A',
          namespace,
        }),
        (error: unknown) => grpcError(error).code === grpc.status.NOT_FOUND,
      );
      await assert.rejects(
        client.resolve({
          connectionName: 'crm-api',
          workflowId: 'not-a-uuid',
          runId: 'r',
          actionName: 'A',
          namespace,
        }),
        (error: unknown) => grpcError(error).code === grpc.status.INVALID_ARGUMENT,
      );
    } finally {
      client.close();
    }
  });

  it('unlinks a workflow, which then is denied', async () => {
    const workflowId = randomUUID();
    await http(f.store, 'POST', `/api/connections/crm-api/links${q}`, { workflowId });
    assert.equal(
      (await http(f.store, 'DELETE', `/api/connections/crm-api/links/${workflowId}${q}`)).status,
      204,
    );
    assert.equal(
      (await http(f.store, 'DELETE', `/api/connections/crm-api/links/${workflowId}${q}`)).status,
      404,
    );
    const client = resolveClient(f.store.grpcTarget);
    try {
      await assert.rejects(
        client.resolve({
          connectionName: 'crm-api',
          workflowId,
          runId: randomUUID(),
          actionName: 'A',
          namespace,
        }),
        (error: unknown) => grpcError(error).code === grpc.status.PERMISSION_DENIED,
      );
    } finally {
      client.close();
    }
  });

  it('deletes the Vault data with the connection', async () => {
    const id = (await http(f.store, 'GET', `/api/connections/crm-api${q}`)).body.id as string;
    assert.equal((await vaultRead(f.infra, id)).status, 200);
    assert.equal((await http(f.store, 'DELETE', `/api/connections/crm-api${q}`)).status, 204);
    assert.equal((await vaultRead(f.infra, id)).status, 404);
    assert.equal((await http(f.store, 'GET', `/api/connections/crm-api${q}`)).status, 404);
    const rows = await f.db.query(
      'SELECT 1 FROM connection_store.connections WHERE id = $1 UNION ALL SELECT 1 FROM connection_store.connection_links WHERE connection_id = $1',
      [id],
    );
    assert.equal(rows.rowCount, 0);
    const audit = await f.db.query('SELECT 1 FROM connection_store.audit_log WHERE connection_id = $1', [id]);
    assert.ok((audit.rowCount ?? 0) > 0, 'the audit trail outlives the connection');
  });

  it('never resolves a half-created connection, and the reaper rolls it back', async () => {
    // What a crash between the Postgres insert and the status update leaves: a Pending row, maybe Vault data.
    const id = randomUUID();
    const workflowId = randomUUID();
    const stale = new Date(Date.now() - 10 * 60_000);
    await f.db.query(
      `INSERT INTO connection_store.connections (id, namespace, name, connector_id, display_name, auth_type, parameters, secret_keys, status, created_at, updated_at)
       VALUES ($1, $2, 'half-made', 'http', 'half-made', 'bearer', '{}', '["token"]', 'Pending', $3, $3)`,
      [id, namespace, stale],
    );
    await f.db.query(
      'INSERT INTO connection_store.connection_links (connection_id, workflow_id, linked_at) VALUES ($1, $2, now())',
      [id, workflowId],
    );
    const write = await fetch(`${f.infra.vaultAddr}/v1/secret/data/patchbay/connections/${id}`, {
      method: 'POST',
      headers: { 'X-Vault-Token': f.infra.vaultToken, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { token: 'orphan' } }),
    });
    assert.equal(write.status, 200);

    const client = resolveClient(f.store.grpcTarget);
    try {
      await assert.rejects(
        client.resolve({
          connectionName: 'half-made',
          workflowId,
          runId: randomUUID(),
          actionName: 'A',
          namespace,
        }),
        (error: unknown) => grpcError(error).code === grpc.status.NOT_FOUND,
      );
    } finally {
      client.close();
    }
    // The store's own periodic sweep may get there first; either way the end state is the same.
    await f.store.app.get(ConnectionReaper).sweep(new Date());
    assert.equal((await vaultRead(f.infra, id)).status, 404);
    assert.equal(
      (await f.db.query('SELECT 1 FROM connection_store.connections WHERE id = $1', [id])).rowCount,
      0,
    );
    const recreated = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'half-made',
      connectorId: 'http',
      authType: 'bearer',
      secrets: { token: 't' },
    });
    assert.equal(recreated.status, 201);
  });

  it('reports readiness of Postgres and Vault, and metrics', async () => {
    const ready = await http(f.store, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(Object.keys(ready.body.checks as Json).sort(), ['postgres', 'vault']);
    const metrics = await fetch(`${f.store.baseUrl}/metrics`);
    assert.match(
      await metrics.text(),
      /patchbay_connection_resolutions_total\{outcome="Granted",service="connection-store"\} 1/,
    );
  });

  it('never logged a secret', () => {
    const log = f.store.lines.join('');
    assert.ok(f.store.lines.length > 0);
    assert.ok(!/sk-[0-9a-f-]{36}/.test(log), 'no apiKey value in the log');
    assert.ok(!log.includes('orphan'));
  });
});
