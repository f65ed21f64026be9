import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ActionCompleted, ActionRequested } from '@patchbay/contracts';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionResolutionError } from '../connections/connection-resolution.error.js';
import { ConnectionResolverClient } from '../connections/connection-resolver.client.js';
import { ActionErrorCode, failed, timedOut, type ActionOutcome } from './action-failure.js';
import { ActionMetrics } from './action-metrics.js';
import { CONNECTORS, type Connector, type ResolvedConnectionData } from './connector.js';

/**
 * Executes one action attempt: picks the connector for the action type, resolves the connection the action
 * names, gives the connector the time left (its own timeout or the event's deadline, whichever is first),
 * and always answers with an `action.completed` payload: expected failures are outcomes, not exceptions.
 */
@Injectable()
export class ActionExecutor {
  private readonly connectors: Map<string, Connector>;

  constructor(
    @Inject(CONNECTORS) connectors: Connector[],
    private readonly resolver: ConnectionResolverClient,
    private readonly metrics: ActionMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.connectors = new Map(connectors.map((c) => [c.actionType, c]));
  }

  async execute(request: ActionRequested): Promise<ActionCompleted> {
    const started = new Date();
    const connector = this.connectors.get(request.actionType);
    const outcome =
      connector === undefined ? this.unsupported(request) : await this.run(connector, request, started);
    const ended = new Date();
    this.metrics.observe(
      connector?.actionType ?? 'unsupported',
      outcome.status,
      (ended.getTime() - started.getTime()) / 1_000,
    );
    const level = outcome.status === 'Succeeded' ? 'info' : 'warn';
    this.logger[level](
      {
        actionType: request.actionType,
        attemptId: request.attemptId,
        status: outcome.status,
        errorCode: outcome.error?.code,
        ms: ended.getTime() - started.getTime(),
      },
      'action attempt finished',
    );
    const completed: ActionCompleted = {
      runId: request.runId,
      actionName: request.actionName,
      attemptId: request.attemptId,
      status: outcome.status,
      startedAt: started.toISOString(),
      endedAt: ended.toISOString(),
    };
    if (outcome.outputs !== undefined) completed.outputs = outcome.outputs;
    if (outcome.error !== undefined) completed.error = outcome.error;
    return completed;
  }

  private unsupported(request: ActionRequested): ActionOutcome {
    const known = [...this.connectors.keys()].join(', ');
    return failed(
      ActionErrorCode.ActionTypeNotSupported,
      `actionType '${request.actionType}' is not supported by connector-runtime (supported: ${known})`,
      false,
    );
  }

  private async run(connector: Connector, request: ActionRequested, started: Date): Promise<ActionOutcome> {
    const deadline = Math.min(
      started.getTime() + connector.timeoutMs,
      request.deadline === undefined ? Infinity : Date.parse(request.deadline),
    );
    if (deadline <= Date.now())
      return timedOut(`the attempt's deadline ${request.deadline ?? ''} had passed before it started`);
    let connection: ResolvedConnectionData | undefined;
    if (request.connectionName !== undefined) {
      try {
        connection = await this.resolver.resolve(
          {
            connectionName: request.connectionName,
            workflowId: request.workflowId,
            runId: request.runId,
            actionName: request.actionName,
          },
          new Date(deadline),
        );
      } catch (error) {
        if (error instanceof ConnectionResolutionError)
          return failed(error.code, error.message, error.retryable);
        throw error;
      }
    }
    const budgetMs = deadline - Date.now();
    if (budgetMs <= 0) return timedOut('the deadline passed while the connection was resolved');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budgetMs);
    try {
      return await connector.execute({
        request,
        ...(connection === undefined ? {} : { connection }),
        signal: controller.signal,
        budgetMs,
        connectionRejected: () => {
          if (request.connectionName !== undefined)
            this.resolver.forget({ connectionName: request.connectionName, workflowId: request.workflowId });
        },
      });
    } catch (error) {
      // A connector bug: the orchestrator still gets an answer, and the log gets the details.
      this.logger.error(
        { err: error, actionType: request.actionType },
        'connector threw instead of returning an outcome',
      );
      return failed(
        ActionErrorCode.InternalConnectorError,
        `the ${connector.actionType} connector failed unexpectedly; see the connector-runtime log`,
        false,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
