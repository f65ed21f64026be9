import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each outbox row keeps the trace context of the change that wrote it, so its event continues that trace. */
export class OutboxTraceparent1764210000000 implements MigrationInterface {
  name = 'OutboxTraceparent1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN traceparent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
  }
}
