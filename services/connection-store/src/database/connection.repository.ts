import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type QueryDeepPartialEntity, type Repository } from 'typeorm';
import { ConnectionEntity } from './connection.entity.js';
import { withDatabaseErrors } from './database-errors.js';
import type { ConnectionRecord, ConnectionStatus } from '../connections/connection.types.js';

/** The only code that reads and writes `connection_store.connections`. */
@Injectable()
export class ConnectionRepository {
  constructor(@InjectRepository(ConnectionEntity) private readonly rows: Repository<ConnectionEntity>) {}

  /** Inserts a new connection; `'duplicate'` when the namespace already has that name. */
  async insert(record: ConnectionRecord): Promise<'inserted' | 'duplicate'> {
    // ON CONFLICT DO NOTHING: a taken name is an expected answer, not a failed statement in the log.
    const result = await withDatabaseErrors(() =>
      this.rows
        .createQueryBuilder()
        .insert()
        // jsonb columns: TypeORM's deep-partial type cannot see that a plain JSON object is a whole value.
        .values(record as QueryDeepPartialEntity<ConnectionEntity>)
        .orIgnore()
        .returning('id')
        .execute(),
    );
    return Array.isArray(result.raw) && result.raw.length > 0 ? 'inserted' : 'duplicate';
  }

  async findByName(namespace: string, name: string): Promise<ConnectionRecord | undefined> {
    const row = await withDatabaseErrors(() => this.rows.findOneBy({ namespace, name }));
    return row ?? undefined;
  }

  async listByNamespace(namespace: string): Promise<ConnectionRecord[]> {
    return withDatabaseErrors(() => this.rows.find({ where: { namespace }, order: { name: 'ASC' } }));
  }

  /**
   * Moves a connection from one status to another only if it is still in `from` (compare-and-set), so two
   * actors (a request and the reaper) cannot both settle it. Resolves to whether this call made the change.
   */
  async transition(
    id: string,
    from: ConnectionStatus,
    to: ConnectionStatus,
    reason: string | null,
    at: Date,
  ): Promise<boolean> {
    const result = await withDatabaseErrors(() =>
      this.rows.update({ id, status: from }, { status: to, statusReason: reason, updatedAt: at }),
    );
    return (result.affected ?? 0) > 0;
  }

  /** Moves a connection to `Deleting` from any settled status. */
  async markDeleting(id: string, at: Date): Promise<boolean> {
    const result = await withDatabaseErrors(() =>
      this.rows.update(
        { id, status: In(['Connected', 'Unauthenticated', 'Error', 'Deleting']) },
        { status: 'Deleting', updatedAt: at },
      ),
    );
    return (result.affected ?? 0) > 0;
  }

  async setStatus(id: string, status: ConnectionStatus, reason: string | null, at: Date): Promise<void> {
    await withDatabaseErrors(() => this.rows.update({ id }, { status, statusReason: reason, updatedAt: at }));
  }

  /** Deletes the row (its links go with it, by foreign key) if it is in one of `statuses`. */
  async deleteIfStatus(id: string, statuses: ConnectionStatus[]): Promise<boolean> {
    const result = await withDatabaseErrors(() => this.rows.delete({ id, status: In(statuses) }));
    return (result.affected ?? 0) > 0;
  }

  /** Connections left half-created (`Pending`) or half-deleted (`Deleting`) since before `olderThan`. */
  async findUnsettled(olderThan: Date, limit: number): Promise<ConnectionRecord[]> {
    return withDatabaseErrors(() =>
      this.rows.find({
        where: [
          { status: 'Pending', updatedAt: LessThan(olderThan) },
          { status: 'Deleting', updatedAt: LessThan(olderThan) },
        ],
        order: { updatedAt: 'ASC' },
        take: limit,
      }),
    );
  }
}
