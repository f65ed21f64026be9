import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { withDatabaseErrors } from './database-errors.js';

/**
 * A lock per connection shared by every replica: a Postgres transaction-scoped advisory lock, held on one
 * pooled connection while `fn` runs and released by the commit (or by Postgres if this process dies).
 */
@Injectable()
export class ConnectionLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async withLock<T>(purpose: string, connectionId: string, fn: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await withDatabaseErrors(async () => {
      await runner.connect();
      await runner.startTransaction();
      await runner.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `connection-store:${purpose}:${connectionId}`,
      ]);
    }).catch(async (error: unknown) => {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    });
    try {
      const result = await fn();
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
