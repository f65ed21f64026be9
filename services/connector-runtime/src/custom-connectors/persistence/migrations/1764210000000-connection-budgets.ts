import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-connection budgets shared by every replica: a token bucket per connection (its row is also the lock
 * that serialises acquisitions for that connection) and the leases of attempts in flight.
 */
export class ConnectionBudgets1764210000000 implements MigrationInterface {
  name = 'ConnectionBudgets1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connection_budgets (
        connection_id text PRIMARY KEY,
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE connection_leases (
        lease_id uuid PRIMARY KEY,
        connection_id text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX connection_leases_by_connection ON connection_leases (connection_id, expires_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connection_leases`);
    await q.query(`DROP TABLE connection_budgets`);
  }
}
