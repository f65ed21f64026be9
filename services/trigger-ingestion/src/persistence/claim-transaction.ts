import type { DataSource, QueryRunner } from 'typeorm';
import type { Decision, DecisionLogRepository } from './decision-log.repository.js';

/**
 * Runs `work` in one transaction on a connection of its own, committed when `work` resolves and rolled back
 * when it throws. A replica that stalls mid-transaction loses its locks (and its commit) after 20 s instead of
 * holding them forever.
 */
export async function inTransaction<T>(
  db: DataSource,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL idle_in_transaction_session_timeout = '20s'`);
    const result = await work(runner);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** A claim of due rows: `sql` selects them `FOR UPDATE ... SKIP LOCKED` with `$1` the limit. */
export interface ClaimQuery<Raw, Row> {
  sql: string;
  limit: number;
  toRow: (raw: Raw) => Row;
}

/**
 * Claims due rows and hands them to `handle` (which publishes before it returns), then applies its result and
 * appends its decisions, all in one transaction: the claim commits only after what it published is durable, so
 * a replica that dies mid-claim leaves the rows to the next claim. Returns how many rows were claimed.
 */
export function claimDue<Raw, Row, Result extends { decisions: Decision[] }>(
  db: DataSource,
  decisionLog: DecisionLogRepository,
  query: ClaimQuery<Raw, Row>,
  handle: (rows: Row[]) => Promise<Result>,
  apply: (runner: QueryRunner, result: Result) => Promise<void>,
): Promise<number> {
  return inTransaction(db, async (runner) => {
    const raw = (await runner.query(query.sql, [query.limit])) as Raw[];
    if (raw.length === 0) return 0;
    const result = await handle(raw.map(query.toRow));
    await apply(runner, result);
    await decisionLog.append(result.decisions, (sql, params) => runner.query(sql, params));
    return raw.length;
  });
}
