import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../config/logger.token.js';
import {
  ConnectionRepository,
  type MetadataChanges,
  type SecretCommit,
} from '../database/connection.repository.js';
import { FaultInjector } from '../fault-injection/fault-injector.js';
import { VaultKvClient, type SecretValues } from '../vault/vault-kv.client.js';
import { ConnectionBusyError, ConnectionUpdateAbandonedError } from './connection-errors.js';
import type { ConnectionRecord, ConnectionStatus } from './connection.types.js';

/** How a replacement ends: the status it sets, and whether a crash rolls it forward instead of back. */
export interface ReplacementOutcome {
  status: ConnectionStatus;
  statusReason: string | null;
  /**
   * Token refreshes roll forward: the provider has already rotated the refresh token, so the version
   * written is the only one that still works. Admin updates roll back: their caller never saw a success.
   */
  rollForward?: boolean;
}

/** A replacement intent older than this belongs to a dead process (far above the Vault timeout). */
export const REPLACEMENT_STALE_AFTER_MS = 60_000;

/**
 * Replaces a connection's secrets with a new Vault KV v2 version without ever leaving the two stores
 * disagreeing. The row names the version it uses (`secret_version`); a resolve reads exactly that one.
 *
 * 1. Postgres: record the intent (`pending_secret_since`, the new key names); one replacement at a time.
 * 2. Vault: write the new version.
 * 3. Postgres: point the row at it and clear the intent (compare-and-set on the intent).
 *
 * A crash after 1 or 2 leaves an intent. Recovery rolls it back: the caller never saw a success, so the new
 * version, if it landed, is destroyed and the row keeps the version it had (token refreshes roll forward
 * instead, see ReplacementOutcome). Until then resolves go on with the old version.
 */
@Injectable()
export class SecretReplacement {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly vault: VaultKvClient,
    private readonly faults: FaultInjector,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Writes `secrets` as the new version and applies `changes` to the row with it, or throws with nothing changed. */
  async replace(
    record: ConnectionRecord,
    secrets: SecretValues,
    changes: MetadataChanges,
    outcome: ReplacementOutcome = { status: 'Connected', statusReason: null },
  ): Promise<SecretCommit> {
    const keys = Object.keys(secrets).sort();
    const since = await this.claim(record, keys, outcome.rollForward === true);
    this.faults.reached('update:after-intent');
    let version: number;
    try {
      version = await this.vault.writeSecrets(record.id, secrets);
    } catch (error) {
      await this.rollBackQuietly(record.id, since, record.secretVersion);
      throw error;
    }
    this.faults.reached('update:after-vault-write');
    const commit: SecretCommit = {
      version,
      keys,
      status: outcome.status,
      statusReason: outcome.statusReason,
    };
    if (!(await this.connections.commitSecretReplacement(record, since, commit, changes, new Date()))) {
      // The reaper rolled this replacement back (it took far too long) or the connection is being deleted.
      await this.vault.destroyVersion(record.id, version);
      throw new ConnectionUpdateAbandonedError(
        `changing the secrets of connection '${record.name}' did not complete and was rolled back; try again`,
      );
    }
    return commit;
  }

  /**
   * Finishes the replacement intent a crashed or failed call left on `record`. Rolled back: destroys the
   * version it may have written (anything newer than the row's version), then clears the intent. Rolled
   * forward (token refresh): if the new version landed, the row moves to it.
   */
  async rollBack(record: ConnectionRecord): Promise<boolean> {
    if (record.pendingSecretSince === null) return false;
    if (record.pendingSecretRollForward && (await this.rollForward(record))) return true;
    await this.destroyNewerThan(record.id, record.secretVersion);
    const cleared = await this.connections.abandonSecretReplacement(record.id, record.pendingSecretSince);
    if (cleared) {
      this.logger.info(
        { connectionId: record.id, namespace: record.namespace, name: record.name },
        'rolled back an interrupted secret change',
      );
    }
    return cleared;
  }

  private async rollForward(record: ConnectionRecord): Promise<boolean> {
    const latest = await this.vault.readLatest(record.id);
    if (latest === undefined || latest.version <= (record.secretVersion ?? 0)) return false;
    const expiresAt = latest.secrets.expiresAt === undefined ? null : new Date(latest.secrets.expiresAt);
    const moved = await this.connections.commitSecretReplacement(
      record,
      record.pendingSecretSince!,
      {
        version: latest.version,
        keys: Object.keys(latest.secrets).sort(),
        status: 'Connected',
        statusReason: null,
      },
      { tokenExpiresAt: expiresAt !== null && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null },
      new Date(),
    );
    if (moved) {
      this.logger.info(
        { connectionId: record.id, namespace: record.namespace, name: record.name },
        'rolled an interrupted token refresh forward',
      );
    }
    return moved;
  }

  /** Records the intent; an intent left by a dead process is rolled back first. */
  private async claim(record: ConnectionRecord, keys: string[], rollForward: boolean): Promise<Date> {
    const since = new Date();
    if (await this.connections.beginSecretReplacement(record.id, keys, since, rollForward)) return since;
    const current = await this.connections.findById(record.id);
    const stale =
      current?.pendingSecretSince != null &&
      current.pendingSecretSince.getTime() < Date.now() - REPLACEMENT_STALE_AFTER_MS;
    if (current !== undefined && stale) {
      await this.rollBack(current);
      const retry = new Date();
      if (await this.connections.beginSecretReplacement(record.id, keys, retry, rollForward)) return retry;
    }
    throw new ConnectionBusyError(
      `connection '${record.name}' is ${current === undefined ? 'gone' : 'being changed'}; try again shortly`,
    );
  }

  private async destroyNewerThan(connectionId: string, committed: number | null): Promise<void> {
    // A row from before versions were recorded reads the latest: nothing newer can be told apart.
    if (committed === null) return;
    const latest = await this.vault.readLatest(connectionId);
    if (latest !== undefined && latest.version > committed) {
      await this.vault.destroyVersion(connectionId, latest.version);
    }
  }

  private async rollBackQuietly(id: string, since: Date, committed: number | null): Promise<void> {
    try {
      await this.destroyNewerThan(id, committed);
      await this.connections.abandonSecretReplacement(id, since);
    } catch (error) {
      this.logger.warn(
        { err: error, connectionId: id },
        'could not roll back a failed secret change; the reaper will',
      );
    }
  }
}
