import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformError } from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import type { ConnectionRecord } from '../connections/connection.types.js';
import { VaultRequestError } from '../vault/vault-errors.js';
import { VaultKvClient, type DatabaseCredential } from '../vault/vault-kv.client.js';

/** Vault refused to issue a credential for the connection's role (unknown role, policy). Not retryable. */
export class WorkloadCredentialRefusedError extends PlatformError {
  readonly code = 'WORKLOAD_CREDENTIAL_REFUSED';
  readonly retryable = false;
  readonly httpStatus = 502;
}

/** What a workload-identity connection resolves to for one call. */
export interface IssuedCredential {
  /** The connection's parameters with the issued `user`. */
  parameters: Record<string, unknown>;
  secrets: { password: string };
  /** How long callers may keep it: well inside the lease. */
  ttlSeconds: number;
}

interface CachedCredential {
  role: string;
  credential: DatabaseCredential;
  /** Reused until then (two thirds of the lease), so callers never hold one that is about to die. */
  renewAt: number;
}

/**
 * Workload identity: a connection that stores no credential. At resolve time connection-store, with its own
 * Vault identity (token, Kubernetes or AppRole login), asks Vault's database secrets engine for a dynamic
 * credential of the connection's `vaultRole`; Vault creates a short-lived database user and revokes it when
 * the lease ends. A credential is reused for two thirds of its lease (one per connection per replica, single
 * flight) and is only ever held in memory.
 */
@Injectable()
export class WorkloadCredentials {
  private readonly cache = new Map<string, CachedCredential>();
  private readonly inflight = new Map<string, Promise<CachedCredential>>();

  constructor(
    private readonly vault: VaultKvClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async issue(connection: ConnectionRecord, maxTtlSeconds: number): Promise<IssuedCredential> {
    const role = String(connection.parameters.vaultRole);
    const now = Date.now();
    let entry = this.cache.get(connection.id);
    if (entry === undefined || entry.role !== role || entry.renewAt <= now) {
      entry = await this.fetch(connection, role);
    }
    const ttlSeconds = Math.max(0, Math.min(maxTtlSeconds, Math.floor((entry.renewAt - now) / 1_000)));
    const { vaultRole: _role, ...parameters } = connection.parameters;
    return {
      parameters: { ...parameters, user: entry.credential.username },
      secrets: { password: entry.credential.password },
      ttlSeconds,
    };
  }

  /** Forgets the credential of a connection (changed or deleted); Vault revokes it when its lease ends. */
  forget(connectionId: string): void {
    this.cache.delete(connectionId);
  }

  private fetch(connection: ConnectionRecord, role: string): Promise<CachedCredential> {
    const running = this.inflight.get(connection.id);
    if (running !== undefined) return running;
    const promise = this.issueNew(connection, role).finally(() => this.inflight.delete(connection.id));
    this.inflight.set(connection.id, promise);
    return promise;
  }

  private async issueNew(connection: ConnectionRecord, role: string): Promise<CachedCredential> {
    let credential: DatabaseCredential;
    try {
      credential = await this.vault.issueDatabaseCredential(role);
    } catch (error) {
      if (error instanceof VaultRequestError)
        throw new WorkloadCredentialRefusedError(
          `Vault did not issue a database credential for role '${role}' of connection '${connection.name}' (${error.message}); check that the role exists and that connection-store's Vault policy may read its creds`,
        );
      throw error;
    }
    const issuedAt = Date.now();
    const leaseMs = Math.max(credential.leaseDurationSeconds, 1) * 1_000;
    const entry: CachedCredential = { role, credential, renewAt: issuedAt + Math.floor((leaseMs * 2) / 3) };
    this.cache.set(connection.id, entry);
    this.logger.info(
      { connectionId: connection.id, role, leaseSeconds: credential.leaseDurationSeconds },
      'workload identity: Vault issued a database credential',
    );
    return entry;
  }
}
