import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ConnectionTestRequest, ConnectionTestResult } from '@patchbay/contracts';
import {
  ConnectorError,
  ConnectorErrorCode,
  type OperationContext,
  type ResolvedConnection,
} from '@patchbay/connector-sdk';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { LOGGER } from '../config/logger.token.js';
import { customConnectionOf } from '../custom-connectors/custom-connection.js';
import { EgressGuard } from '../egress/egress-guard.js';
import { ConnectorLookup } from './connector-lookup.js';

/** A connection test answers a person waiting at an API: it gets at most this long, whatever the connector's timeout. */
export const CONNECTION_TEST_MAX_MS = 30_000;

/**
 * Runs a connector's declared connection test (`testConnection`) with a connection connection-store resolved
 * for this one call, under the namespace's egress rules and a deadline. Custom connectors read the connection
 * under their own parameter names, as their actions do. The secrets are used for the call and dropped; the
 * answer and the log carry codes and messages only.
 */
@Injectable()
export class ConnectionTestService {
  constructor(
    private readonly connectors: ConnectorLookup,
    private readonly egress: EgressGuard,
    @Inject(CONNECTOR_RUNTIME_CONFIG) private readonly config: ConnectorRuntimeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async test(connectorId: string, request: ConnectionTestRequest): Promise<ConnectionTestResult> {
    const found = await this.connectors.require(connectorId, request.version);
    const started = Date.now();
    const base = { connectorId, version: found.registered.version };
    const declaration = found.registered.declaration;
    if (declaration.testConnection === undefined) {
      return {
        ...base,
        outcome: 'NotTested',
        message: `connector ${connectorId}@${found.registered.version} declares no connection test`,
        durationMs: 0,
      };
    }
    const resolved: ResolvedConnection = { ...request.connection, connectorId };
    const connection = found.imported === undefined ? resolved : customConnectionOf(found.imported, resolved);
    const timeoutMs = Math.min(
      declaration.timeoutMs ?? this.config.connectorTimeoutMs,
      CONNECTION_TEST_MAX_MS,
    );
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const log = this.logger.child({
      connectionId: request.connection.connectionId,
      connector: `${connectorId}@${found.registered.version}`,
      operation: 'testConnection',
    });
    const context: OperationContext = {
      connection,
      idempotencyKey: `connection-test:${request.connection.connectionId}:${started}`,
      signal: controller.signal,
      deadline: started + timeoutMs,
      logger: {
        debug: (fields, message) => log.debug(fields, message),
        info: (fields, message) => log.info(fields, message),
        warn: (fields, message) => log.warn(fields, message),
        error: (fields, message) => log.error(fields, message),
      },
      network: this.egress.networkFor(request.namespace),
      credentialsRejected: () => undefined,
    };
    try {
      await declaration.testConnection(context);
      log.info({ outcome: 'Succeeded' }, 'connection test finished');
      return { ...base, outcome: 'Succeeded', durationMs: Date.now() - started };
    } catch (error) {
      return {
        ...base,
        ...this.failureOf(error, controller.signal, timeoutMs),
        durationMs: Date.now() - started,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private failureOf(
    error: unknown,
    signal: AbortSignal,
    timeoutMs: number,
  ): Pick<ConnectionTestResult, 'outcome' | 'code' | 'message' | 'retryable'> {
    if (error instanceof ConnectorError) {
      if (error.code === ConnectorErrorCode.ConnectionTestUnavailable)
        return { outcome: 'NotTested', message: error.message };
      this.logger.info({ code: error.code }, 'connection test failed');
      return { outcome: 'Failed', code: error.code, message: error.message, retryable: error.retryable };
    }
    if (signal.aborted)
      return {
        outcome: 'Failed',
        code: ConnectorErrorCode.TimedOut,
        message: `the connection test did not finish within ${timeoutMs} ms`,
        retryable: true,
      };
    this.logger.error({ err: error }, 'connection test threw an unexpected error');
    return {
      outcome: 'Failed',
      code: ConnectorErrorCode.InternalConnectorError,
      message: 'the connection test failed unexpectedly; see the connector-runtime log',
      retryable: false,
    };
  }
}
