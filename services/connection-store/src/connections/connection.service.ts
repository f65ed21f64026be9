import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConnectionChecks } from '../catalog/connection-checks.service.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionLinkRepository } from '../database/connection-link.repository.js';
import { ConnectionRepository, type MetadataChanges } from '../database/connection.repository.js';
import { FaultInjector } from '../fault-injection/fault-injector.js';
import { ConnectorBlockedError } from '../policies/policy-errors.js';
import { PolicyService } from '../policies/policy.service.js';
import { VaultKvClient } from '../vault/vault-kv.client.js';
import {
  ConnectionBusyError,
  ConnectionCreateAbandonedError,
  ConnectionLinkNotFoundError,
  ConnectionNameTakenError,
  ConnectionNotFoundError,
} from './connection-errors.js';
import type { CreateConnectionInput } from './connection-input.js';
import { checkUpdateForAuthType, type UpdateConnectionInput } from './connection-update-input.js';
import { SecretReplacement } from './secret-replacement.service.js';
import { ConnectionReaper, UNSETTLED_AFTER_MS } from './connection-reaper.service.js';
import { isOAuth, toConnectionView, type ConnectionRecord, type ConnectionView } from './connection.types.js';

/** What linking answered: whether the link is new, and the connection as it is now. */
export interface LinkResult {
  created: boolean;
  connection: ConnectionView;
}

/**
 * Connection lifecycle across the two stores. Postgres holds the row (never a secret), Vault holds the
 * secrets at one path per connection id. Neither store can join the other's transaction, so each change
 * passes through a status that says "half done" (`Pending`, `Deleting`): such a connection never resolves,
 * and the reaper finishes or rolls back whatever a crash left in that state.
 */
@Injectable()
export class ConnectionService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly links: ConnectionLinkRepository,
    private readonly vault: VaultKvClient,
    private readonly reaper: ConnectionReaper,
    private readonly replacement: SecretReplacement,
    private readonly faults: FaultInjector,
    private readonly policies: PolicyService,
    private readonly checks: ConnectionChecks,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Creates a connection: (1) the row is committed as `Pending`, which also claims the name; (2) the
   * secrets are written to Vault; (3) the row moves to `Connected` by compare-and-set. A failure at (2)
   * destroys what Vault may hold and drops the row; a crash anywhere leaves a `Pending` row that the
   * reaper rolls back after UNSETTLED_AFTER_MS.
   */
  async create(namespace: string, input: CreateConnectionInput, root = 'body'): Promise<ConnectionView> {
    const block = await this.policies.blockOf(namespace, input.connectorId);
    if (block !== undefined) throw new ConnectorBlockedError(block, input.connectorId, `${root}.connectorId`);
    await this.checks.checkCreate(input, root);
    const now = new Date();
    const record: ConnectionRecord = {
      id: randomUUID(),
      namespace,
      name: input.name,
      connectorId: input.connectorId,
      displayName: input.displayName,
      authType: input.authType,
      parameters: input.parameters,
      secretKeys: Object.keys(input.secrets).sort(),
      status: 'Pending',
      statusReason: null,
      createdAt: now,
      updatedAt: now,
      lastUsedAt: null,
      tags: input.tags,
      secretVersion: null,
      pendingSecretSince: null,
      pendingSecretKeys: null,
      pendingSecretRollForward: false,
      tokenExpiresAt: null,
      executionEnvironment: input.executionEnvironment,
    };
    // An authorization-code connection has no tokens until a user consents.
    const settled =
      input.authType === 'oauth2AuthorizationCode'
        ? {
            status: 'Unauthenticated' as const,
            statusReason: `consent required: POST /api/connections/${input.name}/oauth/consent`,
          }
        : { status: 'Connected' as const, statusReason: null };
    await this.claimName(record);
    let secretVersion: number | null = null;
    try {
      if (record.secretKeys.length > 0)
        secretVersion = await this.vault.writeSecrets(record.id, input.secrets);
    } catch (error) {
      await this.undoCreate(record);
      throw error;
    }
    this.faults.reached('create:after-vault-write');
    const settledAt = new Date();
    if (!(await this.connections.settleCreate(record.id, secretVersion, settled, settledAt))) {
      // The reaper took this create for a dead one (it ran longer than UNSETTLED_AFTER_MS) and removed it.
      await this.vault.deleteSecrets(record.id);
      throw new ConnectionCreateAbandonedError(
        `creating connection '${record.name}' took too long and was rolled back; try again`,
      );
    }
    this.logger.info(
      {
        connectionId: record.id,
        namespace,
        name: record.name,
        connectorId: record.connectorId,
        authType: record.authType,
      },
      'connection created',
    );
    return toConnectionView({ ...record, ...settled, secretVersion, updatedAt: settledAt }, []);
  }

  /**
   * Updates a connection. Metadata (display name, tags, parameters) is one Postgres update that never
   * touches Vault; new secrets become a new Vault KV version through SecretReplacement, with the metadata
   * changes committed in the same row update. Each present field replaces the stored value whole.
   */
  async update(
    namespace: string,
    name: string,
    input: UpdateConnectionInput,
    root = 'body',
  ): Promise<ConnectionView> {
    const record = await this.requireSettled(namespace, name);
    checkUpdateForAuthType(record.authType, input, false, root);
    await this.checks.checkUpdate(record, input, root);
    const changes: MetadataChanges = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.tags !== undefined) changes.tags = input.tags;
    if (input.parameters !== undefined) changes.parameters = input.parameters;
    if (input.executionEnvironment !== undefined) changes.executionEnvironment = input.executionEnvironment;
    if (input.secrets !== undefined) {
      // OAuth: a new client secret drops the tokens; client credentials fetch new ones at the next use,
      // an authorization-code connection needs a new consent.
      if (isOAuth(record.authType)) changes.tokenExpiresAt = null;
      const outcome =
        record.authType === 'oauth2AuthorizationCode'
          ? {
              status: 'Unauthenticated' as const,
              statusReason: `consent required: POST /api/connections/${name}/oauth/consent`,
            }
          : { status: 'Connected' as const, statusReason: null };
      await this.replacement.replace(record, input.secrets, changes, outcome);
    } else if (!(await this.connections.updateMetadata(record, changes, new Date()))) {
      throw new ConnectionBusyError(`connection '${name}' is being deleted`);
    }
    this.logger.info(
      {
        connectionId: record.id,
        namespace,
        name,
        changed: Object.keys(input).sort(),
      },
      'connection updated',
    );
    return this.get(namespace, name);
  }

  async get(namespace: string, name: string): Promise<ConnectionView> {
    const record = await this.require(namespace, name);
    const linked = await this.links.workflowIdsOf([record.id]);
    return toConnectionView(record, linked.get(record.id) ?? []);
  }

  async list(namespace: string): Promise<ConnectionView[]> {
    const records = await this.connections.listByNamespace(namespace);
    const linked = await this.links.workflowIdsOf(records.map((r) => r.id));
    return records.map((r) => toConnectionView(r, linked.get(r.id) ?? []));
  }

  /**
   * Deletes a connection and its Vault data: the row moves to `Deleting` (it stops resolving at once), the
   * Vault data is destroyed (all versions), then the row goes with its links. If Vault is down the call
   * fails with 503 and the row stays `Deleting`; a repeated DELETE or the reaper finishes the job.
   */
  async delete(namespace: string, name: string): Promise<void> {
    const record = await this.require(namespace, name);
    if (record.status === 'Pending')
      throw new ConnectionBusyError(`connection '${name}' is still being created`);
    if (!(await this.connections.markDeleting(record, new Date())))
      throw new ConnectionNotFoundError(namespace, name);
    // A connection without secrets never had a Vault path: deleting it does not depend on Vault.
    if (record.secretKeys.length > 0) await this.vault.deleteSecrets(record.id);
    await this.connections.deleteIfStatus(record.id, ['Deleting']);
    this.logger.info({ connectionId: record.id, namespace, name }, 'connection deleted');
  }

  /** Lets a workflow resolve the connection. Idempotent: linking twice keeps one link. */
  async link(namespace: string, name: string, workflowId: string): Promise<LinkResult> {
    const record = await this.requireSettled(namespace, name);
    const created = await this.links.link(record.id, workflowId, new Date());
    if (created) this.logger.info({ connectionId: record.id, workflowId }, 'workflow linked to connection');
    return { created, connection: await this.get(namespace, name) };
  }

  async unlink(namespace: string, name: string, workflowId: string): Promise<void> {
    const record = await this.require(namespace, name);
    if (!(await this.links.unlink(record, workflowId)))
      throw new ConnectionLinkNotFoundError(name, workflowId);
    this.logger.info({ connectionId: record.id, workflowId }, 'workflow unlinked from connection');
  }

  /** Inserts the `Pending` row. A name held by a create that died long ago is reclaimed first. */
  private async claimName(record: ConnectionRecord): Promise<void> {
    if ((await this.connections.insert(record)) === 'inserted') return;
    const holder = await this.connections.findByName(record.namespace, record.name);
    const abandoned =
      holder?.status === 'Pending' && holder.updatedAt.getTime() < Date.now() - UNSETTLED_AFTER_MS;
    if (holder !== undefined && abandoned) {
      await this.reaper.remove(holder);
      if ((await this.connections.insert(record)) === 'inserted') return;
    }
    if (holder?.status === 'Pending' || holder?.status === 'Deleting') {
      throw new ConnectionBusyError(
        `connection '${record.name}' is being ${holder.status === 'Pending' ? 'created' : 'deleted'}; try again shortly`,
      );
    }
    throw new ConnectionNameTakenError(record.namespace, record.name);
  }

  /**
   * Rolls back a create whose Vault write failed. The write may have landed before the failure (a timeout),
   * so Vault is cleaned first; if that fails too the row stays `Pending` for the reaper.
   */
  private async undoCreate(record: ConnectionRecord): Promise<void> {
    try {
      await this.vault.deleteSecrets(record.id);
      await this.connections.deleteIfStatus(record.id, ['Pending']);
    } catch (cleanupError) {
      this.logger.warn(
        { err: cleanupError, connectionId: record.id },
        'could not roll back a failed create; the reaper will',
      );
    }
  }

  private async require(namespace: string, name: string): Promise<ConnectionRecord> {
    const record = await this.connections.findByName(namespace, name);
    if (record === undefined) throw new ConnectionNotFoundError(namespace, name);
    return record;
  }

  private async requireSettled(namespace: string, name: string): Promise<ConnectionRecord> {
    const record = await this.require(namespace, name);
    if (record.status === 'Pending' || record.status === 'Deleting') {
      throw new ConnectionBusyError(
        `connection '${name}' is being ${record.status === 'Pending' ? 'created' : 'deleted'}`,
      );
    }
    return record;
  }
}
