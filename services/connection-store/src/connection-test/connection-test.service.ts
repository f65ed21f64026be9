import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ConnectionTestResult } from '@patchbay/contracts';
import { PlatformError } from '@patchbay/platform';
import { ConnectorCatalogUnavailableError } from '../catalog/catalog-errors.js';
import { CONNECTOR_CATALOG } from '../catalog/connection-checks.service.js';
import type { ConnectorCatalogClient } from '../catalog/connector-catalog.client.js';
import { CONNECTION_STORE_CONFIG, type ConnectionStoreConfig } from '../config/connection-store.config.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionBusyError, ConnectionNotFoundError } from '../connections/connection-errors.js';
import { ConnectionService } from '../connections/connection.service.js';
import { isOAuth, type ConnectionRecord, type ConnectionView } from '../connections/connection.types.js';
import { AuditLogRepository } from '../database/audit-log.repository.js';
import { ConnectionStatusRepository } from '../database/connection-status.repository.js';
import { ConnectionRepository } from '../database/connection.repository.js';
import { OAuthTokenRefresher } from '../oauth/oauth-token.refresher.js';
import { ConnectorBlockedError } from '../policies/policy-errors.js';
import { PolicyService } from '../policies/policy.service.js';
import { VaultKvClient } from '../vault/vault-kv.client.js';
import { WorkloadCredentials } from '../workload-identity/workload-credentials.service.js';

/** Audit rows of connection tests name no workflow: this id stands for "the admin API". */
export const CONNECTION_TEST_WORKFLOW_ID = '00000000-0000-0000-0000-000000000000';

/** What a connection test answers. Never a secret. */
export interface ConnectionTestView {
  outcome: ConnectionTestResult['outcome'];
  code: string | null;
  message: string | null;
  connectorVersion: string | null;
  durationMs: number;
  testedAt: string;
  connection: ConnectionView;
}

type Credentials = { authType: string; parameters: Record<string, unknown>; secrets: Record<string, string> };

/** A failure found before connector-runtime was asked (no tokens, no secrets in Vault, Vault refused). */
class EarlyFailure {
  constructor(
    readonly code: string,
    readonly message: string,
    /** OAuth: the refresher already set the status (Unauthenticated on a refusal); the test leaves it. */
    readonly statusOwnedElsewhere = false,
  ) {}
}

/**
 * Tests a connection: resolves it as ResolveConnection would (stored secrets, OAuth access token, or a
 * Vault-issued workload credential), asks connector-runtime to run the connector's declared connection test
 * with it, and records what the test found in the connection's status: `Connected` after a success, `Error`
 * with the reason after a failure (both with a `connection.changed` event when the status changes). A
 * connector without a test answers `NotTested` and leaves the status alone. The secrets travel to
 * connector-runtime for that one call and appear in no answer, log or row; the audit log records the test.
 */
@Injectable()
export class ConnectionTestService {
  constructor(
    @Inject(CONNECTOR_CATALOG) private readonly catalog: ConnectorCatalogClient | null,
    private readonly connections: ConnectionRepository,
    private readonly service: ConnectionService,
    private readonly statuses: ConnectionStatusRepository,
    private readonly audit: AuditLogRepository,
    private readonly policies: PolicyService,
    private readonly vault: VaultKvClient,
    private readonly tokens: OAuthTokenRefresher,
    private readonly workload: WorkloadCredentials,
    @Inject(CONNECTION_STORE_CONFIG) private readonly config: ConnectionStoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async test(namespace: string, name: string): Promise<ConnectionTestView> {
    const record = await this.connections.findByName(namespace, name);
    if (record === undefined) throw new ConnectionNotFoundError(namespace, name);
    if (record.status === 'Pending' || record.status === 'Deleting')
      throw new ConnectionBusyError(
        `connection '${name}' is being ${record.status === 'Pending' ? 'created' : 'deleted'}`,
      );
    const block = await this.policies.blockOf(namespace, record.connectorId);
    if (block !== undefined) throw new ConnectorBlockedError(block, record.connectorId);
    if (this.catalog === null)
      throw new ConnectorCatalogUnavailableError(
        'no connector catalogue is configured: connections cannot be tested',
      );
    const testedAt = new Date();
    const credentials = await this.credentialsOf(record);
    let result: Omit<ConnectionTestView, 'connection' | 'testedAt'>;
    const keepStatus = credentials instanceof EarlyFailure && credentials.statusOwnedElsewhere;
    if (credentials instanceof EarlyFailure) {
      result = {
        outcome: 'Failed',
        code: credentials.code,
        message: credentials.message,
        connectorVersion: null,
        durationMs: 0,
      };
    } else {
      const range = record.parameters.connectorVersion;
      const answer = await this.catalog.runTest(record.connectorId, {
        ...(typeof range === 'string' && range !== '' ? { version: range } : {}),
        namespace,
        connection: { connectionId: record.id, connectionName: record.name, ...credentials },
      });
      result =
        'notFound' in answer
          ? {
              outcome: 'Failed',
              code: 'CONNECTOR_NOT_FOUND',
              message: answer.notFound,
              connectorVersion: null,
              durationMs: 0,
            }
          : {
              outcome: answer.outcome,
              code: answer.code ?? null,
              message: answer.message ?? null,
              connectorVersion: answer.version,
              durationMs: answer.durationMs,
            };
    }
    await this.record(record, result, testedAt, keepStatus);
    return {
      ...result,
      testedAt: testedAt.toISOString(),
      connection: await this.service.get(namespace, name),
    };
  }

  /** The connection as ResolveConnection hands it over, or why it cannot be. Vault down stays a 503. */
  private async credentialsOf(record: ConnectionRecord): Promise<Credentials | EarlyFailure> {
    try {
      if (record.authType === 'workloadIdentity') {
        const issued = await this.workload.issue(record, this.config.cacheTtlSeconds);
        return { authType: 'workloadIdentity', parameters: issued.parameters, secrets: issued.secrets };
      }
      if (isOAuth(record.authType)) {
        if (record.status === 'Unauthenticated')
          return new EarlyFailure(
            'CONNECTION_RECONNECT_REQUIRED',
            record.statusReason ?? 'no tokens; reconnect this connection',
            true,
          );
        let accessToken: string;
        try {
          accessToken = await this.tokens.accessTokenFor(record);
        } catch (error) {
          if (error instanceof PlatformError && !error.retryable)
            return new EarlyFailure(error.code, error.message, true);
          throw error;
        }
        return { authType: 'oauth2', parameters: record.parameters, secrets: { accessToken } };
      }
      if (record.secretKeys.length === 0)
        return { authType: record.authType, parameters: record.parameters, secrets: {} };
      const secrets = await this.vault.readSecrets(record.id, record.secretVersion ?? undefined);
      if (secrets === undefined)
        return new EarlyFailure('CONNECTION_SECRETS_MISSING', 'secrets missing from Vault');
      return { authType: record.authType, parameters: record.parameters, secrets };
    } catch (error) {
      if (error instanceof PlatformError && !error.retryable)
        return new EarlyFailure(error.code, error.message);
      throw error;
    }
  }

  /** Audit row, then the status the outcome implies (with its event) when it differs from the stored one. */
  private async record(
    record: ConnectionRecord,
    result: Omit<ConnectionTestView, 'connection' | 'testedAt'>,
    at: Date,
    keepStatus: boolean,
  ): Promise<void> {
    await this.audit.append({
      connectionId: record.id,
      workflowId: CONNECTION_TEST_WORKFLOW_ID,
      runId: 'connection-test',
      actionName: 'connection-test',
      at,
      outcome: result.outcome === 'Failed' ? 'Failed' : 'Granted',
      reason:
        result.outcome === 'Failed'
          ? `connection test: ${result.code ?? 'failed'}`
          : `connection test: ${result.outcome}`,
    });
    this.logger.info(
      { connectionId: record.id, outcome: result.outcome, code: result.code },
      'connection tested',
    );
    if (result.outcome === 'NotTested') return;
    // OAuth: the refresher owns the status of a refused grant (Unauthenticated, with its event).
    if (keepStatus) return;
    const status = result.outcome === 'Succeeded' ? 'Connected' : 'Error';
    const reason =
      result.outcome === 'Succeeded'
        ? null
        : `connection test failed: ${result.code ?? 'Failed'}: ${result.message ?? ''}`.slice(0, 1_000);
    if (record.status === status && record.statusReason === reason) return;
    await this.statuses.setStatusWithEvent(record, status, reason, at);
  }
}
