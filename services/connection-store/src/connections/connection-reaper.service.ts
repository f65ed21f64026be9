import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionRepository } from '../database/connection.repository.js';
import { VaultKvClient } from '../vault/vault-kv.client.js';
import type { ConnectionRecord } from './connection.types.js';
import { SecretReplacement } from './secret-replacement.service.js';

/**
 * A connection still `Pending` or `Deleting` this long after its last change was abandoned mid-way (the
 * process died between the Postgres and the Vault write). Far above the Vault timeout, so a live request
 * is never taken for a dead one.
 */
export const UNSETTLED_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 30_000;
const SWEEP_BATCH = 100;

/**
 * Finishes what a crash interrupted. Both half-states roll towards "gone": a `Pending` connection was never
 * confirmed to its creator, and a `Deleting` one was asked to go. An interrupted secret change is rolled
 * back (SecretReplacement). Vault data is destroyed first, then the
 * row, so a crash inside the sweep leaves a row that the next sweep picks up again.
 */
@Injectable()
export class ConnectionReaper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly vault: VaultKvClient,
    private readonly replacement: SecretReplacement,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const run = (): void => {
      this.sweeping ??= this.sweep(new Date(Date.now() - UNSETTLED_AFTER_MS))
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'connection sweep failed; will try again');
          return 0;
        })
        .finally(() => (this.sweeping = undefined));
    };
    run();
    this.timer = setInterval(run, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * Rolls back every connection unsettled since before `olderThan`: half-created and half-deleted ones are
   * removed, interrupted secret changes are undone. Resolves to how many were rolled back.
   */
  async sweep(olderThan: Date): Promise<number> {
    const stale = await this.connections.findUnsettled(olderThan, SWEEP_BATCH);
    let rolledBack = 0;
    for (const connection of stale) {
      const done =
        connection.status === 'Pending' || connection.status === 'Deleting'
          ? await this.remove(connection)
          : await this.replacement.rollBack(connection);
      if (done) rolledBack++;
    }
    return rolledBack;
  }

  /**
   * Removes one unsettled connection. A `Pending` one is first claimed (moved to `Deleting` only if still
   * `Pending`), so a create that finishes late cannot end up `Connected` without its Vault data: its own
   * final compare-and-set fails and it reports the create as abandoned.
   */
  async remove(connection: ConnectionRecord): Promise<boolean> {
    if (connection.status === 'Pending') {
      const claimed = await this.connections.transition(
        connection.id,
        'Pending',
        'Deleting',
        'abandoned while being created',
        new Date(),
      );
      if (!claimed) return false;
    }
    if (connection.secretKeys.length > 0) await this.vault.deleteSecrets(connection.id);
    const removed = await this.connections.deleteIfStatus(connection.id, ['Deleting']);
    if (removed) {
      this.logger.info(
        {
          connectionId: connection.id,
          namespace: connection.namespace,
          name: connection.name,
          status: connection.status,
        },
        'removed a connection left unsettled',
      );
    }
    return removed;
  }
}
