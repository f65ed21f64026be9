import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  DEFAULT_EXECUTION_ENVIRONMENT,
  type ActionCompleted,
  type ActionRequested,
} from '@patchbay/contracts';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionResolutionError, ConnectionResolverClient } from '@patchbay/connection-client';
import { budgetLimitsOf, ConnectionBudget, type BudgetLimits } from '../budget/connection-budget.js';
import { EgressGuard } from '../egress/egress-guard.js';
import {
  ActionErrorCode,
  environmentMismatch,
  failed,
  outcomeOfError,
  timedOut,
  type ActionOutcome,
} from './action-failure.js';
import { ActionMetrics } from './action-metrics.js';
import {
  ACTION_ROUTERS,
  type ActionRouter,
  type ResolvedConnectionData,
  type RoutedOperation,
} from './connector.js';
import { createOperationContext } from './operation-context.factory.js';

/** How long an operation may go on after its signal aborted before the attempt is abandoned as hung. */
const HANG_GRACE_MS = 2_000;

class HungOperationError extends Error {}

/** Resolves with the operation, or rejects `HungOperationError` when it ignores its abort signal. */
function abandonIfHung<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    timer = setTimeout(() => rejectHung(new HungOperationError()), HANG_GRACE_MS);
  };
  let rejectHung: (error: Error) => void = () => undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    rejectHung = reject;
  });
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return Promise.race([work, hung]).finally(() => {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    // The hung operation may still settle later: its result no longer matters, its rejection must not crash us.
    work.catch(() => undefined);
  });
}

/**
 * Executes one action attempt: routes the WDL action to a connector operation, resolves the connection the
 * action names, gives the operation the time left (the connector's timeout or the event's deadline, whichever
 * is first) and its narrow context, and always answers with an `action.completed` payload: expected failures
 * are outcomes, and a connector that throws or hangs fails its action without taking the runtime down.
 */
@Injectable()
export class ActionExecutor {
  private readonly routers: Map<string, ActionRouter>;
  private readonly defaultTimeoutMs: number;
  private readonly budgetMaxWaitMs: number;
  /** The execution environment this runtime serves; connections pinned elsewhere are refused. */
  private readonly environment: string;

  constructor(
    @Inject(ACTION_ROUTERS) routers: ActionRouter[],
    private readonly resolver: ConnectionResolverClient,
    private readonly metrics: ActionMetrics,
    private readonly egress: EgressGuard,
    @Inject(CONNECTOR_RUNTIME_CONFIG)
    config: Pick<ConnectorRuntimeConfig, 'connectorTimeoutMs'> &
      Partial<Pick<ConnectorRuntimeConfig, 'budget' | 'executionEnvironment'>>,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly budget?: ConnectionBudget,
  ) {
    this.routers = new Map(routers.map((r) => [r.actionType, r]));
    this.defaultTimeoutMs = config.connectorTimeoutMs;
    this.budgetMaxWaitMs = config.budget?.maxWaitMs ?? 10_000;
    this.environment = config.executionEnvironment ?? DEFAULT_EXECUTION_ENVIRONMENT;
  }

  async execute(request: ActionRequested): Promise<ActionCompleted> {
    const started = new Date();
    const router = this.routers.get(request.actionType);
    const outcome =
      router === undefined ? this.unsupported(request) : await this.run(router, request, started);
    const ended = new Date();
    this.metrics.observe(
      router?.actionType ?? 'unsupported',
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
    const known = [...this.routers.keys()].join(', ');
    return failed(
      ActionErrorCode.ActionTypeNotSupported,
      `actionType '${request.actionType}' is not supported by connector-runtime (supported: ${known})`,
      false,
    );
  }

  private async run(router: ActionRouter, request: ActionRequested, started: Date): Promise<ActionOutcome> {
    const eventDeadline = request.deadline === undefined ? Infinity : Date.parse(request.deadline);
    if (eventDeadline <= Date.now())
      return timedOut(`the attempt's deadline ${request.deadline ?? ''} had passed before it started`);
    let connection: ResolvedConnectionData | undefined;
    if (request.connectionName !== undefined) {
      try {
        const resolved = await this.resolver.resolve(
          {
            connectionName: request.connectionName,
            workflowId: request.workflowId,
            runId: request.runId,
            actionName: request.actionName,
          },
          new Date(Math.min(eventDeadline, started.getTime() + this.defaultTimeoutMs)),
        );
        // Pinned elsewhere (a request routed before a re-pin reached its producer): never run it here.
        if (resolved.executionEnvironment !== this.environment)
          return environmentMismatch(request.connectionName, resolved.executionEnvironment, this.environment);
        connection = resolved;
      } catch (error) {
        if (error instanceof ConnectionResolutionError)
          return failed(error.code, error.message, error.retryable);
        throw error;
      }
    }
    let routed: RoutedOperation;
    try {
      routed = await router.route(request, connection);
    } catch (error) {
      const outcome = outcomeOfError(error, new AbortController().signal);
      if (outcome !== undefined) return outcome;
      throw error;
    }
    const timeoutMs = routed.connector.declaration.timeoutMs ?? this.defaultTimeoutMs;
    const deadline = Math.min(started.getTime() + timeoutMs, eventDeadline);
    const budgetMs = deadline - Date.now();
    if (budgetMs <= 0) return timedOut('the deadline passed while the connection was resolved');
    const limits = connection === undefined ? undefined : budgetLimitsOf(connection.parameters);
    if (limits === undefined || this.budget === undefined || connection === undefined)
      return this.invoke(routed, request, routed.connection ?? connection, deadline, budgetMs);
    const slot = await this.awaitBudget(connection, limits, deadline);
    if ('outcome' in slot) return slot.outcome;
    try {
      return await this.invoke(
        routed,
        request,
        routed.connection ?? connection,
        deadline,
        deadline - Date.now(),
      );
    } finally {
      await slot
        .release()
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'connection lease not released; it expires by itself'),
        );
    }
  }

  /**
   * Waits for the connection's shared budget (concurrency and rate over all replicas) as long as the
   * attempt's deadline and PATCHBAY_CONNECTION_BUDGET_MAX_WAIT_MS allow, else fails retryable.
   */
  private async awaitBudget(
    connection: ResolvedConnectionData,
    limits: BudgetLimits,
    deadline: number,
  ): Promise<{ release: () => Promise<void> } | { outcome: ActionOutcome }> {
    const giveUpAt = Math.min(deadline, Date.now() + this.budgetMaxWaitMs);
    for (;;) {
      let acquired;
      try {
        // The lease outlives the attempt's deadline by the hang grace: a dead replica's lease frees itself.
        acquired = await this.budget!.acquire(
          connection.connectionId,
          limits,
          deadline - Date.now() + HANG_GRACE_MS + 1_000,
        );
      } catch (error) {
        this.logger.warn({ err: error }, 'connection budget unavailable');
        return {
          outcome: failed(
            'ConnectionBudgetUnavailable',
            'the connection budget (Postgres) did not answer',
            true,
          ),
        };
      }
      if (acquired.granted) return { release: acquired.release };
      if (Date.now() + acquired.retryAfterMs > giveUpAt) {
        const what =
          acquired.reason === 'concurrency'
            ? `${limits.concurrency} calls at once`
            : `${limits.perMinute} calls per minute`;
        return {
          outcome: failed(
            'ConnectionThrottled',
            `connection '${connection.connectionName}' allows ${what} over all runtimes; none came free within ${this.budgetMaxWaitMs} ms or the attempt's deadline`,
            true,
          ),
        };
      }
      await sleep(acquired.retryAfterMs);
    }
  }

  private async invoke(
    routed: RoutedOperation,
    request: ActionRequested,
    connection: ResolvedConnectionData | undefined,
    deadline: number,
    budgetMs: number,
  ): Promise<ActionOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budgetMs);
    const context = createOperationContext(
      {
        request,
        connection,
        signal: controller.signal,
        deadline,
        operation: routed.action.qualifiedName,
        credentialsRejected: () => {
          if (request.connectionName !== undefined)
            this.resolver.forget({ connectionName: request.connectionName, workflowId: request.workflowId });
        },
      },
      this.logger,
      this.egress,
    );
    try {
      // `Promise.resolve().then` turns a synchronous throw inside the connector into a rejection.
      const work = Promise.resolve().then(() => routed.action.execute(context, routed.inputs));
      const result = await abandonIfHung(work, controller.signal);
      const outputs = Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined));
      return { status: 'Succeeded', outputs };
    } catch (error) {
      if (error instanceof HungOperationError) {
        this.logger.error({ operation: routed.action.qualifiedName }, 'connector ignored its abort signal');
        return timedOut(
          `${routed.action.qualifiedName} did not stop within ${HANG_GRACE_MS} ms after its ${budgetMs} ms ran out`,
        );
      }
      const outcome = outcomeOfError(error, controller.signal);
      if (outcome !== undefined) return outcome;
      // A connector bug: the orchestrator still gets an answer, and the log gets the details.
      this.logger.error(
        { err: error, operation: routed.action.qualifiedName },
        'connector threw instead of a ConnectorError',
      );
      return failed(
        ActionErrorCode.InternalConnectorError,
        `${routed.action.qualifiedName} failed unexpectedly; see the connector-runtime log`,
        false,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
