import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BatchKey {
  workflowId: string;
  triggerName: string;
  topic: string;
  partition: number;
}

/** Where Kafka trigger batch runs end, so a redelivered batch is cut where it was cut the first time. */
@Injectable()
export class KafkaBatchRepository {
  constructor(private readonly db: DataSource) {}

  /** The last offset of the batch starting at `first`: `proposedLast` if this is its first time, else the recorded one. */
  async boundary(key: BatchKey, first: string, proposedLast: string): Promise<string> {
    await this.db.query(
      `INSERT INTO trigger_ingestion.kafka_batches (workflow_id, trigger_name, topic, partition, first_offset, last_offset)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [key.workflowId, key.triggerName, key.topic, key.partition, first, proposedLast],
    );
    const rows: { last_offset: string }[] = await this.db.query(
      `SELECT last_offset FROM trigger_ingestion.kafka_batches
       WHERE workflow_id = $1 AND trigger_name = $2 AND topic = $3 AND partition = $4 AND first_offset = $5`,
      [key.workflowId, key.triggerName, key.topic, key.partition, first],
    );
    return String(rows[0]!.last_offset);
  }

  /** Forgets the batches before `committed` (their offsets are committed: they cannot come back). */
  async forgetBefore(key: BatchKey, committed: string): Promise<void> {
    await this.db.query(
      `DELETE FROM trigger_ingestion.kafka_batches
       WHERE workflow_id = $1 AND trigger_name = $2 AND topic = $3 AND partition = $4 AND last_offset < $5`,
      [key.workflowId, key.triggerName, key.topic, key.partition, committed],
    );
  }

  async forgetTrigger(workflowId: string, triggerName: string): Promise<void> {
    await this.db.query(
      `DELETE FROM trigger_ingestion.kafka_batches WHERE workflow_id = $1 AND trigger_name = $2`,
      [workflowId, triggerName],
    );
  }
}
