import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ConnectorRegistry, requireAction, type RegisteredConnector } from '@patchbay/connector-sdk';
import { resolveInfrastructure, uniqueName } from '@patchbay/testkit';
import {
  operationContext,
  runAction,
  testGuard,
  type HarnessOptions,
} from '../../test-support/operation-harness.js';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import { EgressGuard } from '../../egress/egress-guard.js';
import { EgressPolicy } from '@patchbay/egress';
import { postgresqlConnector } from './postgresql.connector.js';

describe('postgresql connector against a real PostgreSQL', () => {
  let admin: pg.Client;
  let connector: RegisteredConnector;
  let connection: ResolvedConnectionData;
  const guard = testGuard();
  const schema = uniqueName('pbpg')
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase();

  before(async () => {
    const { databaseUrl } = await resolveInfrastructure();
    const url = new URL(databaseUrl);
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${schema}.languages (code text PRIMARY KEY, name text NOT NULL, speakers int,
         updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    connector = new ConnectorRegistry().register(postgresqlConnector(10_000));
    connection = {
      connectionId: 'c-pg',
      connectionName: 'pg',
      connectorId: 'postgresql',
      authType: 'basic',
      parameters: {
        host: url.hostname,
        port: Number(url.port || 5432),
        database: url.pathname.slice(1),
        user: decodeURIComponent(url.username),
      },
      secrets: { password: decodeURIComponent(url.password) },
    };
  });

  after(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    await guard.close();
  });

  const run = (operation: string, inputs: unknown, options: HarnessOptions = {}) =>
    runAction(
      requireAction(connector, operation),
      inputs,
      operationContext(guard, { connection, ...options }),
    );

  it('inserts, gets, updates and deletes rows', async () => {
    const inserted = await run('insertRow', {
      schema,
      table: 'languages',
      row: { code: 'fr', name: 'French', speakers: 80 },
    });
    assert.equal(inserted.status, 'Succeeded');
    assert.deepEqual((inserted.outputs as { body: Record<string, unknown> }).body.name, 'French');
    await run('insertRow', { schema, table: 'languages', row: { code: 'de', name: 'German', speakers: 95 } });

    const rows = await run('getRows', { schema, table: 'languages', filter: { code: 'de' } });
    assert.deepEqual(
      (rows.outputs as { body: { code: string; name: string }[] }).body.map((r) => [r.code, r.name]),
      [['de', 'German']],
    );
    const updated = await run('updateRows', {
      schema,
      table: 'languages',
      filter: { code: 'fr' },
      set: { speakers: 81 },
    });
    assert.equal((updated.outputs as { body: { updated: number } }).body.updated, 1);
    const deleted = await run('deleteRows', { schema, table: 'languages', filter: { code: 'de' } });
    assert.deepEqual((deleted.outputs as { body: unknown }).body, { deleted: 1 });
    const left = await admin.query(`SELECT code, speakers FROM ${schema}.languages ORDER BY code`);
    assert.deepEqual(left.rows, [{ code: 'fr', speakers: 81 }]);
  });

  it('runs a parameterised query with @name parameters (the Logic Apps style) and $n with an array', async () => {
    const named = await run('executeQuery', {
      query: `SELECT name FROM ${schema}.languages WHERE code = @LanguageCode AND name <> '@notAParameter'`,
      queryParameters: { LanguageCode: 'fr' },
    });
    assert.deepEqual((named.outputs as { body: unknown }).body, [{ name: 'French' }]);
    // A value that would be SQL if it were pasted in: it is a parameter, so it matches nothing.
    const injection = await run('executeQuery', {
      query: `SELECT name FROM ${schema}.languages WHERE code = $1`,
      queryParameters: ["fr' OR '1'='1"],
    });
    assert.deepEqual((injection.outputs as { body: unknown }).body, []);
  });

  it('fails before any call when inputs are invalid, naming the field', async () => {
    const outcome = await run('insertRow', { schema, table: 'languages', row: {} });
    assert.equal(outcome.error?.code, 'InvalidActionInputs');
    assert.match(outcome.error.message, /\/row must NOT have fewer than 1 properties/);
    const missing = await run('executeQuery', { query: 'SELECT @a, @b', queryParameters: { a: 1 } });
    assert.equal(missing.error?.code, 'InvalidActionInputs');
    assert.match(missing.error.message, /no value for @b/);
  });

  it('fails SQL errors as not retryable with the SQLSTATE, and bad credentials as ConnectionUnusable', async () => {
    const duplicate = await run('insertRow', {
      schema,
      table: 'languages',
      row: { code: 'fr', name: 'again' },
    });
    assert.equal(duplicate.error?.code, 'PostgresQueryFailed');
    assert.equal(duplicate.error.retryable, false);
    assert.match(duplicate.error.message, /23505/);
    let rejected = 0;
    const wrongPassword = `wrong-${schema}`;
    const denied = await runAction(
      requireAction(connector, 'getRows'),
      { schema, table: 'languages' },
      operationContext(guard, {
        // The local server trusts loopback, so a role that does not exist is what it refuses.
        connection: {
          ...connection,
          parameters: { ...connection.parameters, user: `no_role_${schema}` },
          secrets: { password: wrongPassword },
        },
        credentialsRejected: () => rejected++,
      }),
    );
    assert.equal(denied.error?.code, 'ConnectionUnusable');
    assert.ok(!JSON.stringify(denied).includes(wrongPassword));
    assert.equal(rejected, 1);
  });

  it('is refused by egress when loopback is not allowed, naming the rule', async () => {
    const strict = new EgressGuard(new EgressPolicy([]), 1_000);
    const outcome = await runAction(
      requireAction(connector, 'getRows'),
      { schema, table: 'languages' },
      operationContext(strict, { connection }),
    );
    await strict.close();
    assert.equal(outcome.error?.code, 'EgressDenied');
    assert.match(outcome.error.message, /denied by rule default-deny-loopback/);
  });

  it('polls inserted and modified rows with a cursor', async () => {
    const trigger = connector.trigger('whenARowIsInsertedOrModified');
    assert.ok(trigger !== undefined && 'poll' in trigger);
    const context = operationContext(guard, { connection });
    const inputs = { schema, table: 'languages', modifiedColumn: 'updated_at', keyColumn: 'code' };
    const first = await trigger.poll(context, inputs, undefined);
    assert.deepEqual(first.items, [], 'the first poll starts from now');
    const quiet = await trigger.poll(context, inputs, first.nextCursor);
    assert.deepEqual(quiet.items, []);

    await admin.query(
      `INSERT INTO ${schema}.languages (code, name) VALUES ('es', 'Spanish'), ('it', 'Italian')`,
    );
    await admin.query(
      `UPDATE ${schema}.languages SET speakers = 82, updated_at = clock_timestamp() WHERE code = 'fr'`,
    );
    const changed = await trigger.poll(context, inputs, first.nextCursor);
    assert.deepEqual(
      (changed.items as { code: string }[]).map((r) => r.code),
      ['es', 'it', 'fr'],
    );
    assert.ok(!('__patchbay_cursor_key' in (changed.items[0] as object)));
    const again = await trigger.poll(context, inputs, changed.nextCursor);
    assert.deepEqual(again.items, [], 'nothing fires twice');

    const fromStart = await trigger.poll(context, { ...inputs, startFrom: 'beginning', top: 2 }, undefined);
    assert.equal(fromStart.items.length, 2);
    const rest = await trigger.poll(
      context,
      { ...inputs, startFrom: 'beginning', top: 2 },
      fromStart.nextCursor,
    );
    assert.equal(rest.items.length, 1);
  });
});
