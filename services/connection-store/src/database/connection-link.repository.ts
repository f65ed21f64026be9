import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ConnectionLinkEntity } from './connection-link.entity.js';
import { withDatabaseErrors } from './database-errors.js';
import { appendConnectionChanged, type EventSubject } from './connection-changed.outbox.js';
import type { ConnectionStatus } from '../connections/connection.types.js';

/** The only code that reads and writes `connection_store.connection_links`. */
@Injectable()
export class ConnectionLinkRepository {
  constructor(
    @InjectRepository(ConnectionLinkEntity) private readonly rows: Repository<ConnectionLinkEntity>,
  ) {}

  /** Links a workflow; resolves to false when the link already existed (linking is idempotent). */
  async link(connectionId: string, workflowId: string, at: Date): Promise<boolean> {
    const inserted = await withDatabaseErrors(() =>
      this.rows.query<unknown[]>(
        `INSERT INTO ${this.rows.metadata.tablePath} (connection_id, workflow_id, linked_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING workflow_id`,
        [connectionId, workflowId, at],
      ),
    );
    return inserted.length > 0;
  }

  /**
   * Unlinks a workflow. The `connection.changed` event commits with the delete, so connector-runtime drops a
   * resolution it cached for that workflow at once instead of using it until its TTL ends.
   */
  async unlink(
    subject: EventSubject & { status: ConnectionStatus; statusReason: string | null },
    workflowId: string,
  ): Promise<boolean> {
    return withDatabaseErrors(() =>
      this.rows.manager.transaction(async (manager) => {
        const result = await manager.delete(ConnectionLinkEntity, { connectionId: subject.id, workflowId });
        if ((result.affected ?? 0) === 0) return false;
        const status =
          subject.status === 'Unauthenticated' || subject.status === 'Error' ? subject.status : 'Connected';
        await appendConnectionChanged(manager, subject, status, subject.statusReason, new Date());
        return true;
      }),
    );
  }

  async isLinked(connectionId: string, workflowId: string): Promise<boolean> {
    return withDatabaseErrors(() => this.rows.existsBy({ connectionId, workflowId }));
  }

  /** Linked workflow ids per connection id, each list sorted. */
  async workflowIdsOf(connectionIds: string[]): Promise<Map<string, string[]>> {
    const byConnection = new Map<string, string[]>(connectionIds.map((id) => [id, []]));
    if (connectionIds.length === 0) return byConnection;
    const rows = await withDatabaseErrors(() =>
      this.rows.find({ where: { connectionId: In(connectionIds) }, order: { workflowId: 'ASC' } }),
    );
    for (const row of rows) byConnection.get(row.connectionId)?.push(row.workflowId);
    return byConnection;
  }
}
