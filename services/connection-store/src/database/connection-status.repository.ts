import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { ConnectionRecord, ConnectionStatus } from '../connections/connection.types.js';
import { appendConnectionChanged } from './connection-changed.outbox.js';
import { ConnectionEntity } from './connection.entity.js';
import { SETTLED_STATUSES } from './connection.repository.js';
import { withDatabaseErrors } from './database-errors.js';

/** An outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  eventId: string;
  data: Record<string, unknown>;
}

/**
 * Status changes that others must hear about: the row's new status and its `connection.changed` event
 * commit in one transaction (transactional outbox); the relay publishes the event afterwards.
 */
@Injectable()
export class ConnectionStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sets the status of a settled connection and records the event. Resolves to whether it changed. */
  async setStatusWithEvent(
    record: ConnectionRecord,
    status: Exclude<ConnectionStatus, 'Pending' | 'Deleting'>,
    reason: string | null,
    at: Date,
  ): Promise<boolean> {
    return withDatabaseErrors(() =>
      this.dataSource.transaction(async (manager) => {
        const result = await manager
          .getRepository(ConnectionEntity)
          .update(
            { id: record.id, status: In(SETTLED_STATUSES) },
            { status, statusReason: reason, updatedAt: at },
          );
        if ((result.affected ?? 0) === 0) return false;
        await appendConnectionChanged(manager, record, status, reason, at);
        return true;
      }),
    );
  }

  /**
   * Hands the oldest unpublished events to `publish` and deletes them once it resolves, all in one
   * transaction whose rows are locked (SKIP LOCKED): two replicas never publish the same rows at once, and a
   * failed publish leaves them for the next pass. Resolves to how many were published.
   */
  async relay(limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return withDatabaseErrors(() =>
      this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<
          { id: string; topic: string; key: string; event_id: string; data: Record<string, unknown> }[]
        >(
          `SELECT id, topic, key, event_id, data FROM connection_store.outbox
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
        if (rows.length === 0) return 0;
        await publish(
          rows.map((r) => ({ id: r.id, topic: r.topic, key: r.key, eventId: r.event_id, data: r.data })),
        );
        await manager.query('DELETE FROM connection_store.outbox WHERE id = ANY($1::bigint[])', [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      }),
    );
  }
}
