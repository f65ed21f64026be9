import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { EventPublisher } from '@patchbay/platform';
import { uniqueName, type Infrastructure } from '@patchbay/testkit';
import type { DecisionView } from '../persistence/decision-log.repository.js';
import {
  announce,
  collectFired,
  kafkaOf,
  orchestratorPublisher,
  registered,
  resolveInfrastructure,
  retire,
  startService,
  waitFor,
  workflowChange,
  type FiredCollector,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';
import {
  linkedConnection,
  startConnectorStack,
  type ConnectorStack,
} from '../test-support/connector-stack.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';

interface OrderRow {
  id: number;
  status: string;
  updated_at: string;
}

/**
 * The built-in PostgreSQL polling trigger ("When a row is inserted or modified") through the whole polling
 * machinery: trigger-ingestion schedules the poll and keeps cursor and seen keys, connector-runtime runs the
 * query against a real table (cursor on updated_at and the key, pages of `top` rows).
 */
describe('PostgreSQL polling trigger: rows inserted or modified (real Postgres, Kafka, Vault)', () => {
  let infra: Infrastructure;
  let stack: ConnectorStack;
  let database: IsolatedDatabase;
  let service: RunningService;
  let publisher: EventPublisher;
  let collector: FiredCollector;
  let source: pg.Client;
  const schema = uniqueName('pgpoll')
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase();
  const connectionName = uniqueName('orders-db');
  const workflow = workflowChange([
    {
      name: 'orders',
      type: 'ServiceProvider',
      recurrence: { frequency: 'Second', interval: 1 },
      splitOn: '@triggerBody()',
      inputs: {
        serviceProviderConfiguration: {
          connectionName,
          operationId: 'whenARowIsInsertedOrModified',
          serviceProviderId: '/serviceProviders/postgresql',
        },
        parameters: {
          schema: "@parameters('ordersSchema')",
          table: 'orders',
          modifiedColumn: 'updated_at',
          keyColumn: 'id',
          startFrom: 'beginning',
          // Small pages: a burst spans several polls, and the cursor moves inside a run of equal timestamps.
          top: 5,
        },
      },
      parameters: { ordersSchema: schema },
    },
  ]);

  async function history(): Promise<DecisionView[]> {
    const response = await fetch(
      `${service.baseUrl}/api/triggers/${workflow.workflowId}/orders/history?limit=1000`,
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { decisions: DecisionView[] }).decisions;
  }
  const polls = async () =>
    (await history()).filter((d) => d.outcome === 'polled' || d.outcome === 'fired').length;
  const fired = () => collector.of(workflow.workflowId);
  const firedAtLeast = (n: number) => () => fired().length >= n;
  const changes = () =>
    fired().map((e) => `${(e.outputs.body as OrderRow).id}:${(e.outputs.body as OrderRow).status}`);

  before(async () => {
    infra = await resolveInfrastructure();
    source = new pg.Client({ connectionString: infra.databaseUrl });
    await source.connect();
    await source.query(`CREATE SCHEMA ${schema}`);
    await source.query(
      `CREATE TABLE ${schema}.orders (id int PRIMARY KEY, status text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    stack = await startConnectorStack(infra);
    const url = new URL(infra.databaseUrl);
    await linkedConnection(
      stack,
      connectionName,
      'postgresql',
      workflow.workflowId,
      {
        host: url.hostname,
        port: Number(url.port || 5432),
        database: url.pathname.slice(1),
        user: decodeURIComponent(url.username),
        // connection-store's basic auth asks for username; the connector reads user.
        username: decodeURIComponent(url.username),
      },
      // The local server trusts loopback users; the connection still needs the basic secret it declares.
      { password: decodeURIComponent(url.password) || 'local-trust' },
    );
    database = await isolatedDatabase(infra.databaseUrl);
    const kafka = kafkaOf(infra);
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    service = await startService(infra, {
      DATABASE_URL: database.url,
      PATCHBAY_SCHEDULE_TICK_MS: '100',
      PATCHBAY_POLL_BACKOFF_MS: '200',
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
    });
  });

  after(async () => {
    await retire(publisher, workflow);
    await service?.close();
    await stack?.close();
    await publisher?.disconnect();
    await collector?.stop();
    await database?.drop();
    await source?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await source?.end();
  });

  it('fires each insert and each update once: same-timestamp bursts across pages, updates, a restart', async () => {
    await source.query(`INSERT INTO ${schema}.orders (id, status) VALUES (1, 'new'), (2, 'new'), (3, 'new')`);
    await announce(publisher, workflow);
    await registered(service, workflow);
    await waitFor(firedAtLeast(3), { timeoutMs: 30_000, description: 'the three existing rows fired' });

    // Twelve rows written in one statement with one timestamp (now() is the transaction's): pages of five cut inside the equal timestamps,
    // and the (updated_at, id) cursor goes on from the last key of each page.
    await source.query(
      `INSERT INTO ${schema}.orders (id, status, updated_at)
         SELECT g, 'new', now() FROM generate_series(10, 21) AS g`,
    );
    await waitFor(firedAtLeast(15), { timeoutMs: 30_000, description: 'the burst fired' });

    // Updates: a row that changes is a new change, fired once more with its new content.
    await source.query(
      `UPDATE ${schema}.orders SET status = 'paid', updated_at = clock_timestamp() WHERE id IN (2, 12)`,
    );
    await waitFor(firedAtLeast(17), { timeoutMs: 30_000, description: 'the two updates fired' });

    // Changes made while trigger-ingestion is down fire once it is back, from the stored cursor.
    await service.close();
    await source.query(`INSERT INTO ${schema}.orders (id, status) VALUES (30, 'new')`);
    await source.query(
      `UPDATE ${schema}.orders SET status = 'shipped', updated_at = clock_timestamp() WHERE id = 1`,
    );
    service = await startService(infra, {
      DATABASE_URL: database.url,
      PATCHBAY_SCHEDULE_TICK_MS: '100',
      PATCHBAY_POLL_BACKOFF_MS: '200',
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
    });
    await waitFor(firedAtLeast(19), { timeoutMs: 30_000, description: 'the changes of the downtime fired' });

    // Three more polls over an unchanged table, then everything fired is read back.
    const seen = await polls();
    await waitFor(async () => (await polls()) >= seen + 3, {
      timeoutMs: 30_000,
      description: 'three quiet polls',
    });
    await collector.drain();
    const expected = [
      '1:new',
      '2:new',
      '3:new',
      ...Array.from({ length: 12 }, (_, i) => `${10 + i}:new`),
      '2:paid',
      '12:paid',
      '30:new',
      '1:shipped',
    ];
    assert.deepEqual([...changes()].sort(), [...expected].sort(), 'each change fired exactly once');
    assert.equal(new Set(fired().map((e) => e.runId)).size, expected.length, 'one run id per change');

    const decisions = await history();
    const firing = decisions.filter((d) => d.outcome === 'fired');
    assert.ok(
      firing.some((d) => (d.detail.items as number) === 5),
      'the burst came in pages of top=5 rows',
    );
    const total = firing.reduce((sum, d) => sum + (d.detail.fired as number), 0);
    assert.equal(total, expected.length, 'the decision log accounts for every run');
  });
});
