import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ensureSchema, typeormOptions } from '@patchbay/platform';
import { resolveInfrastructure, uniqueName } from '@patchbay/testkit';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import {
  ORCHESTRATOR_ENTITIES,
  ORCHESTRATOR_MIGRATIONS,
  ORCHESTRATOR_SCHEMA,
} from './orchestrator.entities.js';
import { RunStore } from './run-store.js';
import type { StepEffects } from '../runs/step-effects.js';

function outboxRow(topic: string, key: string, data: unknown): OutboxMessageEntity {
  return Object.assign(new OutboxMessageEntity(), {
    topic,
    key,
    eventId: randomUUID(),
    data,
    traceparent: null,
  });
}

function effects(patch: Partial<StepEffects> = {}): StepEffects {
  return { events: [], actions: [], timersToSet: [], timersToDelete: [], deleteAllTimers: false, ...patch };
}

/** The orchestrator's hot-path SQL (data-modifying CTEs) against a real Postgres, in a database of its own. */
describe('RunStore against real Postgres', () => {
  let admin: pg.Client;
  let dataSource: DataSource;
  let database: string;
  const store = new RunStore();

  before(async () => {
    const infra = await resolveInfrastructure();
    database = uniqueName('runstore', '_');
    admin = new pg.Client({ connectionString: infra.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(infra.databaseUrl);
    url.pathname = `/${database}`;
    await ensureSchema(url.toString(), ORCHESTRATOR_SCHEMA);
    dataSource = new DataSource(
      typeormOptions({
        url: url.toString(),
        schema: ORCHESTRATOR_SCHEMA,
        entities: ORCHESTRATOR_ENTITIES,
        migrations: ORCHESTRATOR_MIGRATIONS,
      }),
    );
    await dataSource.initialize();
  });

  after(async () => {
    await dataSource?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin?.end();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await dataSource.query<{ n: string }[]>(sql, params))[0]!.n);

  it('starts a run with its effects in one statement, once per id, outbox rows in order with their ids', async () => {
    const runId = randomUUID();
    const run = {
      id: runId,
      workflowId: randomUUID(),
      workflowVersion: 1,
      triggerName: 'manual',
      startedAt: new Date(),
    };
    const values = { status: 'Running', state: { b: 1, a: 2 }, error: null, revision: 1, endedAt: null };
    const first = await store.insert(
      dataSource,
      run,
      values,
      effects({
        actions: [
          {
            seq: '1000000',
            actionName: 'Init',
            iterationPath: [],
            status: 'Succeeded',
            result: { ok: true },
          },
        ],
        timersToSet: [{ timerId: 't1', dueAt: new Date(Date.now() + 60_000).toISOString() }],
      }),
      [outboxRow('topic.a', runId, { n: 1 }), outboxRow('topic.b', runId, { n: 2 })],
    );
    assert.equal(first.started, true);
    assert.equal(first.outbox.length, 2);
    assert.ok(BigInt(first.outbox[0]!.id) < BigInt(first.outbox[1]!.id), 'outbox ids follow the given order');
    const stored = await dataSource.query<{ state: string }[]>(
      'SELECT state::text AS state FROM runs WHERE id = $1',
      [runId],
    );
    assert.equal(stored[0]!.state, '{"b":1,"a":2}', 'json keeps the key order');
    assert.equal(await count('SELECT count(*) AS n FROM run_actions WHERE run_id = $1', [runId]), 1);
    assert.equal(await count('SELECT count(*) AS n FROM run_timers WHERE run_id = $1', [runId]), 1);

    const again = await store.insert(dataSource, run, values, effects(), [
      outboxRow('topic.a', runId, { n: 3 }),
    ]);
    assert.equal(again.started, false);
    assert.deepEqual(again.outbox, []);
    assert.equal(await count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [runId]), 2);
  });

  it('writes a step under the lock: row values, history rows, timers set and deleted', async () => {
    const runId = randomUUID();
    const soon = new Date(Date.now() + 60_000).toISOString();
    await store.insert(
      dataSource,
      {
        id: runId,
        workflowId: randomUUID(),
        workflowVersion: 1,
        triggerName: 'manual',
        startedAt: new Date(),
      },
      { status: 'Running', state: {}, error: null, revision: 1, endedAt: null },
      effects({ timersToSet: [{ timerId: 'old', dueAt: soon }] }),
      [],
    );
    const written = await dataSource.transaction(async (manager) => {
      const locked = await store.lock(manager, runId);
      assert.equal(locked?.revision, 1);
      assert.equal(await store.claimTimer(manager, runId, 'old'), true);
      assert.equal(await store.claimTimer(manager, runId, 'old'), false, 'a timer fires once');
      return store.update(
        manager,
        runId,
        { status: 'Running', state: { step: 2 }, error: null, revision: 2, endedAt: null },
        effects({
          actions: [
            { seq: '2000000', actionName: 'A', iterationPath: [0, 3], status: 'Succeeded', result: {} },
            { seq: '2000001', actionName: 'B', iterationPath: [], status: 'Skipped', result: {} },
          ],
          timersToSet: [{ timerId: 'retry', dueAt: soon }],
        }),
        [outboxRow('topic.c', runId, {})],
      );
    });
    assert.equal(written.length, 1);
    const paths = await dataSource.query<{ iteration_path: number[] }[]>(
      'SELECT iteration_path FROM run_actions WHERE run_id = $1 ORDER BY seq',
      [runId],
    );
    assert.deepEqual(
      paths.map((p) => p.iteration_path),
      [[0, 3], []],
    );
    assert.equal(
      await count("SELECT count(*) AS n FROM run_timers WHERE run_id = $1 AND timer_id = 'retry'", [runId]),
      1,
    );

    await dataSource.transaction(async (manager) => {
      await store.lock(manager, runId);
      await store.update(
        manager,
        runId,
        { status: 'Succeeded', state: { step: 3 }, error: null, revision: 3, endedAt: new Date() },
        effects({ deleteAllTimers: true }),
        [],
      );
    });
    assert.equal(await count('SELECT count(*) AS n FROM run_timers WHERE run_id = $1', [runId]), 0);
    const [row] = await dataSource.query<{ status: string; revision: number }[]>(
      'SELECT status, revision FROM runs WHERE id = $1',
      [runId],
    );
    assert.deepEqual(row, { status: 'Succeeded', revision: 3 });
  });
});
