import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import { basicUsernameProblems } from '../connections/auth-rules.js';
import { clientCertificateProblems } from '../connections/client-certificate.rules.js';
import type { AuthType, ConnectionRecord } from '../connections/connection.types.js';
import { UnknownConnectorError } from './catalog-errors.js';
import { catalogProblems } from './catalog-rules.js';
import { ConnectorCatalogClient } from './connector-catalog.client.js';

/** Injection token of the catalogue client; `null` when connection-store runs without one (tests only). */
export const CONNECTOR_CATALOG = Symbol('CONNECTOR_CATALOG');

export interface CheckedConnection {
  connectorId: string;
  authType: AuthType;
  parameters?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

/**
 * The checks of a create or update that need more than the request: the connector's declared connection
 * parameters from connector-runtime's catalogue, and client certificate material (opened to prove it works).
 * A catalogue that cannot be asked fails the change with 503 (retryable); it is never skipped silently.
 */
@Injectable()
export class ConnectionChecks implements OnModuleInit {
  constructor(
    @Inject(CONNECTOR_CATALOG) private readonly catalog: ConnectorCatalogClient | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (this.catalog === null)
      this.logger.warn(
        'no connector catalogue configured: connections are checked by auth type only, not against connector declarations',
      );
  }

  /** Checks a new connection; throws UnknownConnectorError (422) or ValidationFailedError (400, one problem per field). */
  async checkCreate(connection: CheckedConnection, root: string): Promise<void> {
    const problems = certificateProblems(
      connection.authType,
      connection.parameters ?? {},
      connection.secrets,
      root,
    );
    problems.push(...(await this.catalogProblemsOf(connection, connection.parameters ?? {}, root)));
    fail(problems);
  }

  /** Checks the parameters and secrets an update sets (metadata-only updates are not checked here). */
  async checkUpdate(
    record: ConnectionRecord,
    change: { parameters?: Record<string, unknown>; secrets?: Record<string, string> },
    root: string,
  ): Promise<void> {
    if (change.parameters === undefined && change.secrets === undefined) return;
    const parameters = change.parameters ?? record.parameters;
    const problems = certificateProblems(record.authType, parameters, change.secrets, root);
    const checked: CheckedConnection = { connectorId: record.connectorId, authType: record.authType };
    if (change.parameters !== undefined) checked.parameters = change.parameters;
    if (change.secrets !== undefined) checked.secrets = change.secrets;
    problems.push(...(await this.catalogProblemsOf(checked, parameters, root)));
    fail(problems);
  }

  private async catalogProblemsOf(
    connection: CheckedConnection,
    effectiveParameters: Record<string, unknown>,
    root: string,
  ): Promise<FieldProblem[]> {
    if (this.catalog === null)
      return connection.authType === 'basic' && connection.parameters !== undefined
        ? basicUsernameProblems(connection.parameters, `${root}.parameters`)
        : [];
    const pinned = effectiveParameters.connectorVersion;
    const range = typeof pinned === 'string' && pinned !== '' ? pinned : undefined;
    const lookup = await this.catalog.connectionSpec(connection.connectorId, range);
    if (lookup.spec === undefined)
      throw new UnknownConnectorError(connection.connectorId, range, `${root}.connectorId`, lookup.detail);
    return catalogProblems(lookup.spec, connection, root);
  }
}

function certificateProblems(
  authType: AuthType,
  parameters: Record<string, unknown>,
  secrets: Record<string, string> | undefined,
  root: string,
): FieldProblem[] {
  if (authType !== 'clientCertificate' || secrets === undefined) return [];
  return clientCertificateProblems(parameters, secrets, root);
}

function fail(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new ValidationFailedError(
    `connection is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    problems,
  );
}
