import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TriggerFired } from '@patchbay/contracts';
import { DataSource } from 'typeorm';
import { ensureSchema, typeormOptions } from '@patchbay/platform';
import { isolatedDatabase, resolveInfrastructure, type IsolatedDatabase } from '@patchbay/testkit';
import { DecisionLogRepository } from './decision-log.repository.js';
import { PollRepository, type PollRegistration } from './poll.repository.js';
import { RunGateRepository } from './run-gate.repository.js';
import { TRIGGER_INGESTION_MIGRATIONS, TRIGGER_INGESTION_SCHEMA } from './trigger-ingestion.persistence.js';

/**
 * The repository methods that answer from UPDATE/DELETE statements say what those statements changed (TypeORM
 * hands a bare `UPDATE ... RETURNING` back as `[rows, count]`, which once made every answer "something changed").
 */
describe('trigger-ingestion repositories: answers of changing statements (real Postgres)', () => {
  let database: IsolatedDatabase;
  let db: DataSource;
  let polls: PollRepository;
  let gate: RunGateRepository;

  before(async () => {
    const infra = await resolveInfrastructure();
    database = await isolatedDatabase(infra.databaseUrl);
    await ensureSchema(database.url, TRIGGER_INGESTION_SCHEMA);
    db = new DataSource(
      typeormOptions({
        url: database.url,
        schema: TRIGGER_INGESTION_SCHEMA,
        entities: [],
        migrations: TRIGGER_INGESTION_MIGRATIONS,
        poolSize: 2,
      }),
    );
    await db.initialize();
    polls = new PollRepository(db, new DecisionLogRepository(db));
    gate = new RunGateRepository(db);
  });

  after(async () => {
    if (db?.isInitialized) await db.destroy();
    await database?.drop();
  });

  function registration(workflowId: string, triggerName: string): PollRegistration {
    return {
      workflowId,
      triggerName,
      workflowVersion: 1,
      triggerType: 'ApiConnection',
      spec: { name: triggerName, type: 'ApiConnection', inputs: {}, signatureKeyVersion: 0 },
      workflowEnabled: true,
      anchor: new Date(),
      nextPollAt: new Date(Date.now() + 3_600_000),
    };
  }

  async function seen(workflowId: string, triggerName: string): Promise<number> {
    const [{ n }] = await db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM trigger_ingestion.poll_seen_items WHERE workflow_id = $1 AND trigger_name = $2`,
      [workflowId, triggerName],
    );
    return n;
  }

  async function markSeen(workflowId: string, triggerName: string, keys: string[], ageMs = 0): Promise<void> {
    await db.query(
      `INSERT INTO trigger_ingestion.poll_seen_items (workflow_id, trigger_name, item_key, seen_at)
       SELECT $1, $2, unnest($3::text[]), now() - make_interval(secs => $4::double precision / 1000)`,
      [workflowId, triggerName, keys, ageMs],
    );
  }

  it('pollSoon answers false for a trigger it does not know and true for one it moved', async () => {
    const workflowId = randomUUID();
    await polls.upsert([registration(workflowId, 'known')]);
    assert.equal(await polls.pollSoon(workflowId, 'unknown'), false);
    assert.equal(await polls.pollSoon(workflowId, 'known'), true);
    const state = await polls.find(workflowId, 'known');
    assert.ok(state?.nextPollAt && state.nextPollAt.getTime() <= Date.now());
  });

  it('removeOthers drops the seen items of the triggers it removes, and only theirs', async () => {
    const workflowId = randomUUID();
    await polls.upsert([registration(workflowId, 'kept'), registration(workflowId, 'dropped')]);
    await markSeen(workflowId, 'kept', ['a', 'b']);
    await markSeen(workflowId, 'dropped', ['a', 'b', 'c']);
    await polls.removeOthers(workflowId, 1, ['kept']);
    assert.equal(await polls.find(workflowId, 'dropped'), undefined);
    assert.equal(await seen(workflowId, 'dropped'), 0);
    assert.equal(await seen(workflowId, 'kept'), 2);
  });

  it('pruneSeen counts exactly the item keys older than the retention', async () => {
    const workflowId = randomUUID();
    await polls.upsert([registration(workflowId, 'aged')]);
    await markSeen(workflowId, 'aged', ['old-1', 'old-2', 'old-3'], 7_200_000);
    await markSeen(workflowId, 'aged', ['new-1'], 0);
    assert.equal(await polls.pruneSeen(3_600_000), 3);
    assert.equal(await seen(workflowId, 'aged'), 1);
    assert.equal(await polls.pruneSeen(3_600_000), 0);
  });

  it('finished answers whether the run held a slot', async () => {
    const key = { workflowId: randomUUID(), triggerName: 'limited' };
    const runId = randomUUID();
    const fired: TriggerFired = {
      runId,
      workflowId: key.workflowId,
      workflowVersion: 1,
      triggerName: key.triggerName,
      firedAt: new Date().toISOString(),
      outputs: {},
      awaitsResponse: false,
    };
    assert.equal(await gate.enqueue(key, [fired], 10), true);
    assert.equal(await gate.release(key, 1, async () => undefined), 1);
    assert.equal(await gate.finished(key, randomUUID()), false, 'a run that never held a slot');
    assert.equal(await gate.finished(key, runId), true);
    assert.equal(await gate.finished(key, runId), false, 'the slot was freed once');
  });
});
