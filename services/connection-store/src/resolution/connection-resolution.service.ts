import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { ConnectionRouting, ResolvedConnection } from '@patchbay/contracts';
import { METRICS_REGISTRY, PlatformError } from '@patchbay/platform';
import { CONNECTION_STORE_CONFIG, type ConnectionStoreConfig } from '../config/connection-store.config.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionNotFoundError } from '../connections/connection-errors.js';
import type { ConnectionRecord } from '../connections/connection.types.js';
import type { AuditOutcome } from '../database/audit-log.entity.js';
import { AuditLogRepository, type AuditEntry } from '../database/audit-log.repository.js';
import { ConnectionLinkRepository } from '../database/connection-link.repository.js';
import { ConnectionStatusRepository } from '../database/connection-status.repository.js';
import { ConnectionRepository } from '../database/connection.repository.js';
import { isOAuth } from '../connections/connection.types.js';
import { ConnectionReconnectRequiredError } from '../oauth/oauth-errors.js';
import { OAuthTokenRefresher } from '../oauth/oauth-token.refresher.js';
import { ConnectorBlockedError } from '../policies/policy-errors.js';
import { PolicyService } from '../policies/policy.service.js';
import { VaultKvClient, type SecretValues } from '../vault/vault-kv.client.js';
import {
  WorkloadCredentials,
  type IssuedCredential,
} from '../workload-identity/workload-credentials.service.js';
import { ConnectionNotLinkedError, ConnectionSecretsMissingError } from './resolution-errors.js';
import type { ResolveRequest } from './resolve-request.js';

/**
 * Hands a connection with its secrets to connector-runtime for one action attempt. The only way a secret
 * leaves connection-store. Every call that names an existing connection leaves an audit row (granted,
 * denied or failed); a granted one also stamps the connection's `lastUsedAt`, in the same transaction.
 */
@Injectable()
export class ConnectionResolutionService {
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly links: ConnectionLinkRepository,
    private readonly audit: AuditLogRepository,
    private readonly vault: VaultKvClient,
    private readonly policies: PolicyService,
    private readonly tokens: OAuthTokenRefresher,
    private readonly statuses: ConnectionStatusRepository,
    private readonly workload: WorkloadCredentials,
    @Inject(CONNECTION_STORE_CONFIG) private readonly config: ConnectionStoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: Registry,
  ) {
    this.outcomes = new Counter({
      name: 'patchbay_connection_resolutions_total',
      help: 'ResolveConnection calls by outcome (Granted, Denied, Failed, NotFound).',
      labelNames: ['outcome'],
      registers: [metrics],
    });
  }

  async resolve(request: ResolveRequest): Promise<ResolvedConnection> {
    const connection = await this.connections.findByName(request.namespace, request.connectionName);
    // A half-created or half-deleted connection does not exist as far as callers are concerned.
    if (connection === undefined || connection.status === 'Pending' || connection.status === 'Deleting') {
      this.outcomes.inc({ outcome: 'NotFound' });
      throw new ConnectionNotFoundError(request.namespace, request.connectionName);
    }
    const entry = (outcome: AuditOutcome, reason: string | null): AuditEntry => ({
      connectionId: connection.id,
      workflowId: request.workflowId,
      runId: request.runId,
      actionName: request.actionName,
      at: new Date(),
      outcome,
      reason,
    });
    if (!(await this.links.isLinked(connection.id, request.workflowId))) {
      await this.recordFailure(entry('Denied', 'workflow not linked'));
      this.logger.warn(
        {
          connectionId: connection.id,
          workflowId: request.workflowId,
          runId: request.runId,
          actionName: request.actionName,
        },
        'connection resolution denied: workflow not linked',
      );
      throw new ConnectionNotLinkedError(request.namespace, request.connectionName, request.workflowId);
    }
    const block = await this.policies.blockOf(connection.namespace, connection.connectorId);
    if (block !== undefined) {
      await this.recordFailure(entry('Denied', `blocked by policy '${block.policy}'`));
      this.logger.warn(
        {
          connectionId: connection.id,
          workflowId: request.workflowId,
          runId: request.runId,
          policy: block.policy,
        },
        'connection resolution denied: connector blocked by policy',
      );
      throw new ConnectorBlockedError(block, connection.connectorId);
    }
    // Workload identity: no stored secret; Vault issues a credential with this service's own identity.
    const issued =
      connection.authType === 'workloadIdentity'
        ? await this.workloadCredential(connection, entry)
        : undefined;
    const secrets =
      issued !== undefined
        ? issued.secrets
        : isOAuth(connection.authType)
          ? await this.oauthSecrets(connection, entry)
          : await this.readSecrets(connection, entry);
    await this.audit.appendGranted(entry('Granted', null));
    this.outcomes.inc({ outcome: 'Granted' });
    this.logger.info(
      {
        connectionId: connection.id,
        workflowId: request.workflowId,
        runId: request.runId,
        actionName: request.actionName,
      },
      'connection resolved',
    );
    return {
      connectionId: connection.id,
      connectionName: connection.name,
      connectorId: connection.connectorId,
      // connector-runtime applies every OAuth type the same way: `Authorization: Bearer <accessToken>`.
      authType: isOAuth(connection.authType) ? 'oauth2' : connection.authType,
      parametersJson: JSON.stringify(issued?.parameters ?? connection.parameters),
      secretsJson: JSON.stringify(secrets),
      cacheTtlSeconds: issued?.ttlSeconds ?? this.config.cacheTtlSeconds,
      executionEnvironment: connection.executionEnvironment ?? '',
    };
  }

  /**
   * Where a connection's operations run, for producers of action and poll requests: no secret, no link
   * check, no audit (it tells nothing a workflow author does not already see). A half-created or half-deleted
   * connection is not found.
   */
  async routing(namespace: string, name: string): Promise<ConnectionRouting> {
    const connection = await this.connections.findByName(namespace, name);
    const found =
      connection !== undefined && connection.status !== 'Pending' && connection.status !== 'Deleting';
    return {
      found,
      executionEnvironment: found ? (connection.executionEnvironment ?? '') : '',
      cacheTtlSeconds: this.config.cacheTtlSeconds,
    };
  }

  /** Only the access token leaves the store; client secret and refresh token never do. */
  private async oauthSecrets(
    connection: ConnectionRecord,
    entry: (outcome: AuditOutcome, reason: string | null) => AuditEntry,
  ): Promise<SecretValues> {
    try {
      if (connection.status === 'Unauthenticated') {
        throw new ConnectionReconnectRequiredError(connection.name, connection.statusReason ?? 'no tokens');
      }
      return { accessToken: await this.tokens.accessTokenFor(connection) };
    } catch (error) {
      await this.recordFailure(
        entry('Failed', error instanceof PlatformError ? error.code : 'token refresh failed'),
      );
      throw error;
    }
  }

  private async workloadCredential(
    connection: ConnectionRecord,
    entry: (outcome: AuditOutcome, reason: string | null) => AuditEntry,
  ): Promise<IssuedCredential> {
    try {
      return await this.workload.issue(connection, this.config.cacheTtlSeconds);
    } catch (error) {
      await this.recordFailure(
        entry('Failed', error instanceof PlatformError ? error.code : 'workload credential failed'),
      );
      throw error;
    }
  }

  private async readSecrets(
    connection: ConnectionRecord,
    entry: (outcome: AuditOutcome, reason: string | null) => AuditEntry,
  ): Promise<SecretValues> {
    if (connection.secretKeys.length === 0) return {};
    let secrets: SecretValues | undefined;
    try {
      secrets = await this.vault.readSecrets(connection.id, connection.secretVersion ?? undefined);
    } catch (error) {
      await this.recordFailure(
        entry('Failed', error instanceof PlatformError ? error.code : 'vault read failed'),
      );
      throw error;
    }
    if (secrets === undefined) {
      await this.recordFailure(entry('Failed', 'secrets missing from Vault'));
      await this.statuses.setStatusWithEvent(connection, 'Error', 'secrets missing from Vault', new Date());
      throw new ConnectionSecretsMissingError(connection.name);
    }
    return secrets;
  }

  /**
   * Audits a refused or failed call. The caller then throws the error that explains the refusal; if the
   * audit write itself fails that is logged, so the caller still learns the real reason.
   */
  private async recordFailure(entry: AuditEntry): Promise<void> {
    this.outcomes.inc({ outcome: entry.outcome });
    try {
      await this.audit.append(entry);
    } catch (error) {
      this.logger.error(
        { err: error, connectionId: entry.connectionId, outcome: entry.outcome },
        'could not write the audit row',
      );
    }
  }
}
