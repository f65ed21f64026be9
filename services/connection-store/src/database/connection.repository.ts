import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, type QueryDeepPartialEntity, type Repository } from 'typeorm';
import { appendConnectionChanged, type EventSubject } from './connection-changed.outbox.js';
import { ConnectionEntity } from './connection.entity.js';
import { withDatabaseErrors } from './database-errors.js';
import type { ConnectionRecord, ConnectionStatus } from '../connections/connection.types.js';

/** Statuses of a connection that exists for its users (not half created nor half deleted). */
export const SETTLED_STATUSES: ConnectionStatus[] = ['Connected', 'Unauthenticated', 'Error'];

/** Non-secret fields an update may change. */
export interface MetadataChanges {
  displayName?: string;
  tags?: Record<string, string>;
  parameters?: Record<string, unknown>;
  /** OAuth: expiry of the access token in the new secret version. */
  tokenExpiresAt?: Date | null;
  /** Re-pins the connection (null: the default environment); connection.changed tells the request routers. */
  executionEnvironment?: string | null;
}

/** What the row records once a new secret version is in place. */
export interface SecretCommit {
  version: number;
  keys: string[];
  status: ConnectionStatus;
  statusReason: string | null;
}

type Changes = QueryDeepPartialEntity<ConnectionEntity>;

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

  /** Settled connections of one namespace, or of all namespaces when `namespace` is null (policy dry-run). */
  async listSettled(namespace: string | null): Promise<ConnectionRecord[]> {
    return withDatabaseErrors(() =>
      this.rows.find({
        where:
          namespace === null ? { status: In(SETTLED_STATUSES) } : { namespace, status: In(SETTLED_STATUSES) },
        order: { namespace: 'ASC', name: 'ASC' },
      }),
    );
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

  /** A create is complete: `Pending -> Connected` (compare-and-set) with the Vault version it wrote. */
  async settleCreate(
    id: string,
    secretVersion: number | null,
    settled: { status: ConnectionStatus; statusReason: string | null },
    at: Date,
  ): Promise<boolean> {
    const result = await withDatabaseErrors(() =>
      this.rows.update({ id, status: 'Pending' }, { ...settled, secretVersion, updatedAt: at }),
    );
    return (result.affected ?? 0) > 0;
  }

  /** Changes non-secret fields of a settled connection. Never concerns Vault. */
  async updateMetadata(
    subject: EventSubject & { status: ConnectionStatus; statusReason: string | null },
    changes: MetadataChanges,
    at: Date,
  ): Promise<boolean> {
    return withDatabaseErrors(() =>
      this.rows.manager.transaction(async (manager) => {
        const result = await manager
          .getRepository(ConnectionEntity)
          .update({ id: subject.id, status: In(SETTLED_STATUSES) }, { ...changes, updatedAt: at } as Changes);
        if ((result.affected ?? 0) === 0) return false;
        await appendConnectionChanged(
          manager,
          subject,
          eventStatus(subject.status),
          subject.statusReason,
          at,
        );
        return true;
      }),
    );
  }

  /**
   * Records the intent to write a new secret version (step 1 of a replacement). Only one replacement per
   * connection at a time: fails when another one is in flight or the connection is not settled.
   */
  async beginSecretReplacement(
    id: string,
    keys: string[],
    since: Date,
    rollForward: boolean,
  ): Promise<boolean> {
    const result = await withDatabaseErrors(() =>
      this.rows.update(
        { id, status: In(SETTLED_STATUSES), pendingSecretSince: IsNull() },
        { pendingSecretSince: since, pendingSecretKeys: keys, pendingSecretRollForward: rollForward },
      ),
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Points the row at the new secret version and applies `changes`, if the replacement that began at `since`
   * still holds the intent (the reaper may have rolled it back) and the connection is still settled.
   */
  async commitSecretReplacement(
    subject: EventSubject,
    since: Date,
    commit: SecretCommit,
    changes: MetadataChanges,
    at: Date,
  ): Promise<boolean> {
    return withDatabaseErrors(() =>
      this.rows.manager.transaction(async (manager) => {
        const result = await manager
          .getRepository(ConnectionEntity)
          .update({ id: subject.id, status: In(SETTLED_STATUSES), pendingSecretSince: since }, {
            ...changes,
            secretVersion: commit.version,
            secretKeys: commit.keys,
            status: commit.status,
            statusReason: commit.statusReason,
            pendingSecretSince: null,
            pendingSecretKeys: null,
            pendingSecretRollForward: false,
            updatedAt: at,
          } as Changes);
        if ((result.affected ?? 0) === 0) return false;
        await appendConnectionChanged(manager, subject, eventStatus(commit.status), commit.statusReason, at);
        return true;
      }),
    );
  }

  /** Drops the intent of the replacement that began at `since` (after its Vault version was destroyed). */
  async abandonSecretReplacement(id: string, since: Date): Promise<boolean> {
    const result = await withDatabaseErrors(() =>
      this.rows.update(
        { id, pendingSecretSince: since },
        {
          pendingSecretSince: null,
          pendingSecretKeys: null,
          pendingSecretRollForward: false,
        },
      ),
    );
    return (result.affected ?? 0) > 0;
  }

  async findById(id: string): Promise<ConnectionRecord | undefined> {
    const row = await withDatabaseErrors(() => this.rows.findOneBy({ id }));
    return row ?? undefined;
  }

  /** Moves a connection to `Deleting` from any settled status; it stops resolving, so `Deleted` is announced. */
  async markDeleting(subject: EventSubject, at: Date): Promise<boolean> {
    return withDatabaseErrors(() =>
      this.rows.manager.transaction(async (manager) => {
        const result = await manager
          .getRepository(ConnectionEntity)
          .update(
            { id: subject.id, status: In(['Connected', 'Unauthenticated', 'Error', 'Deleting']) },
            { status: 'Deleting', updatedAt: at },
          );
        if ((result.affected ?? 0) === 0) return false;
        await appendConnectionChanged(manager, subject, 'Deleted', null, at);
        return true;
      }),
    );
  }

  /** Deletes the row (its links go with it, by foreign key) if it is in one of `statuses`. */
  async deleteIfStatus(id: string, statuses: ConnectionStatus[]): Promise<boolean> {
    const result = await withDatabaseErrors(() => this.rows.delete({ id, status: In(statuses) }));
    return (result.affected ?? 0) > 0;
  }

  /** OAuth connections in `Connected` whose access token expires before `before` (the refresher's work list). */
  async findTokensExpiringBefore(before: Date, limit: number): Promise<ConnectionRecord[]> {
    return withDatabaseErrors(() =>
      this.rows.find({
        where: { status: 'Connected', tokenExpiresAt: LessThan(before) },
        order: { tokenExpiresAt: 'ASC' },
        take: limit,
      }),
    );
  }

  /**
   * Connections left half-created (`Pending`), half-deleted (`Deleting`) or with a secret replacement in
   * flight since before `olderThan`.
   */
  async findUnsettled(olderThan: Date, limit: number): Promise<ConnectionRecord[]> {
    return withDatabaseErrors(() =>
      this.rows.find({
        where: [
          { status: 'Pending', updatedAt: LessThan(olderThan) },
          { status: 'Deleting', updatedAt: LessThan(olderThan) },
          { pendingSecretSince: LessThan(olderThan) },
        ],
        order: { updatedAt: 'ASC' },
        take: limit,
      }),
    );
  }
}

/** The status an event reports for a settled connection. */
function eventStatus(status: ConnectionStatus): 'Connected' | 'Unauthenticated' | 'Error' {
  return status === 'Unauthenticated' || status === 'Error' ? status : 'Connected';
}
