import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kafka trigger batches: the offsets one batch run covers, fixed before its trigger.fired is published, so a
 * batch redelivered after a crash is cut at the same offset and fires the same run (same id, same messages).
 */
export class KafkaBatches1764300000001 implements MigrationInterface {
  name = 'KafkaBatches1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kafka_batches (
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        first_offset bigint NOT NULL,
        last_offset bigint NOT NULL,
        PRIMARY KEY (workflow_id, trigger_name, topic, partition, first_offset)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE kafka_batches');
  }
}
