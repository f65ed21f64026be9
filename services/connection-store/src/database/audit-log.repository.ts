import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogEntity, type AuditOutcome } from './audit-log.entity.js';
import { ConnectionEntity } from './connection.entity.js';
import { withDatabaseErrors } from './database-errors.js';

/** One ResolveConnection call as the audit log records it. Never holds a secret value. */
export interface AuditEntry {
  connectionId: string;
  workflowId: string;
  runId: string;
  actionName: string;
  at: Date;
  outcome: AuditOutcome;
  reason: string | null;
}

/** The only code that writes `connection_store.audit_log`. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entry: AuditEntry): Promise<void> {
    await withDatabaseErrors(() => this.dataSource.getRepository(AuditLogEntity).insert(entry));
  }

  /** A granted resolution: the audit row and the connection's `last_used_at` commit together. */
  async appendGranted(entry: AuditEntry): Promise<void> {
    await withDatabaseErrors(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.getRepository(AuditLogEntity).insert(entry);
        await manager
          .getRepository(ConnectionEntity)
          .update({ id: entry.connectionId }, { lastUsedAt: entry.at });
      }),
    );
  }

  /** The entries of one connection, oldest first (admin and tests). */
  async listForConnection(connectionId: string): Promise<AuditEntry[]> {
    const rows = await withDatabaseErrors(() =>
      this.dataSource.getRepository(AuditLogEntity).find({ where: { connectionId }, order: { id: 'ASC' } }),
    );
    return rows.map(({ id: _id, ...entry }) => entry);
  }
}
