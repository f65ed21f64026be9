import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  DEFAULT_EXECUTION_ENVIRONMENT,
  type TriggerPollCompleted,
  type TriggerPollRequested,
} from '@patchbay/contracts';
import { ConnectorRegistry, type OperationContext, type ResolvedConnection } from '@patchbay/connector-sdk';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { LOGGER } from '../config/logger.token.js';
import {
  ConnectionResolutionError,
  ConnectionResolverClient,
  type ResolvedConnectionData,
} from '@patchbay/connection-client';
import { CustomConnectorCatalog } from '../custom-connectors/custom-connector.catalog.js';
import { EgressGuard } from '../egress/egress-guard.js';
import { ActionErrorCode, environmentMismatch, outcomeOfError } from '../execution/action-failure.js';
import { DEFAULT_NAMESPACE } from '../execution/operation-context.factory.js';
import { PollRouter } from './poll-router.js';

type Outcome = Pick<TriggerPollCompleted, 'status' | 'items' | 'nextCursor' | 'error' | 'retryAfterMs'>;

function failure(code: string, message: string, retryable: boolean): Outcome {
  return { status: 'Failed', error: { code, message, retryable } };
}

/**
 * Runs one poll of a polling trigger for trigger-ingestion: resolves the connection for the workflow, routes
 * to the connector's polling operation, and calls `poll(context, inputs, cursor)` within the request's
 * deadline (and the connector's timeout). Always answers: failures are outcomes trigger-ingestion backs off on.
 */
@Injectable()
export class PollExecutor {
  private readonly router: PollRouter;

  constructor(
    registry: ConnectorRegistry,
    catalog: CustomConnectorCatalog,
    private readonly resolver: ConnectionResolverClient,
    private readonly egress: EgressGuard,
    @Inject(CONNECTOR_RUNTIME_CONFIG)
    private readonly config: Pick<ConnectorRuntimeConfig, 'connectorTimeoutMs'> &
      Partial<Pick<ConnectorRuntimeConfig, 'executionEnvironment'>>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.router = new PollRouter(registry, catalog);
  }

  async poll(request: TriggerPollRequested): Promise<TriggerPollCompleted> {
    const started = new Date();
    const outcome = await this.run(request, started);
    const ended = new Date();
    this.logger[outcome.status === 'Succeeded' ? 'info' : 'warn'](
      {
        workflowId: request.workflowId,
        triggerName: request.triggerName,
        pollId: request.pollId,
        items: outcome.items?.length,
        errorCode: outcome.error?.code,
        ms: ended.getTime() - started.getTime(),
      },
      'trigger poll finished',
    );
    return {
      pollId: request.pollId,
      workflowId: request.workflowId,
      triggerName: request.triggerName,
      ...outcome,
      startedAt: started.toISOString(),
      endedAt: ended.toISOString(),
    };
  }

  private async run(request: TriggerPollRequested, started: Date): Promise<Outcome> {
    const deadline = Math.min(
      Date.parse(request.deadline),
      started.getTime() + this.config.connectorTimeoutMs,
    );
    if (deadline <= Date.now())
      return failure(ActionErrorCode.ActionTimedOut, 'the poll deadline had passed', true);
    let connection: ResolvedConnection | undefined;
    if (request.connectionName !== undefined) {
      let resolved: ResolvedConnectionData;
      try {
        resolved = await this.resolver.resolve(
          {
            connectionName: request.connectionName,
            workflowId: request.workflowId,
            runId: request.pollId,
            actionName: request.triggerName,
          },
          new Date(deadline),
        );
      } catch (error) {
        if (error instanceof ConnectionResolutionError)
          return failure(error.code, error.message, error.retryable);
        throw error;
      }
      const served = this.config.executionEnvironment ?? DEFAULT_EXECUTION_ENVIRONMENT;
      if (resolved.executionEnvironment !== served)
        return environmentMismatch(request.connectionName, resolved.executionEnvironment, served);
      connection = resolved;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
    try {
      const routed = await this.router.route(request, connection);
      const context = this.contextOf(request, routed.connection, controller.signal, deadline);
      const result = await routed.trigger.poll(context, routed.inputs, request.cursor as never);
      return { status: 'Succeeded', items: result.items, nextCursor: result.nextCursor };
    } catch (error) {
      const outcome = outcomeOfError(error, controller.signal);
      if (outcome !== undefined) {
        const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
        return {
          status: 'Failed',
          error: outcome.error!,
          ...(typeof retryAfterMs === 'number' ? { retryAfterMs: Math.round(retryAfterMs) } : {}),
        };
      }
      this.logger.error(
        { err: error, triggerName: request.triggerName },
        'polling trigger threw instead of a ConnectorError',
      );
      return failure(
        ActionErrorCode.InternalConnectorError,
        'the polling operation failed unexpectedly; see the connector-runtime log',
        false,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private contextOf(
    request: TriggerPollRequested,
    connection: ResolvedConnection | undefined,
    signal: AbortSignal,
    deadline: number,
  ): OperationContext {
    const child = this.logger.child({
      workflowId: request.workflowId,
      triggerName: request.triggerName,
      pollId: request.pollId,
    });
    const context: OperationContext = {
      idempotencyKey: request.pollId,
      signal,
      deadline,
      logger: {
        debug: (fields, message) => child.debug(fields, message),
        info: (fields, message) => child.info(fields, message),
        warn: (fields, message) => child.warn(fields, message),
        error: (fields, message) => child.error(fields, message),
      },
      network: this.egress.networkFor(DEFAULT_NAMESPACE),
      credentialsRejected: () => {
        if (request.connectionName !== undefined)
          this.resolver.forget({ connectionName: request.connectionName, workflowId: request.workflowId });
      },
    };
    if (connection !== undefined) context.connection = connection;
    return context;
  }
}
