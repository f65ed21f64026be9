import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { ActionRequested } from '@patchbay/contracts';
import { ConnectionResolutionError } from '@patchbay/connection-client';
import type {
  ConnectionResolverClient,
  ResolveFor,
  ResolvedConnectionData as ResolvedWithEnvironment,
} from '@patchbay/connection-client';
import { ActionExecutor } from './action-executor.service.js';
import { ActionErrorCode } from './action-failure.js';
import { ActionMetrics } from './action-metrics.js';
import type { ActionRouter, ResolvedConnectionData } from './connector.js';
import {
  ConnectorError,
  ConnectorRegistry,
  defineAction,
  defineConnector,
  requireAction,
  type ActionResult,
  type OperationContext,
} from '@patchbay/connector-sdk';
import { testGuard } from '../test-support/operation-harness.js';

function request(overrides: Partial<ActionRequested> = {}): ActionRequested {
  return {
    runId: randomUUID(),
    workflowId: randomUUID(),
    actionName: 'Step',
    attemptId: 'att-1',
    idempotencyKey: 'k',
    actionType: 'Echo',
    inputs: { a: 1 },
    requestedAt: new Date().toISOString(),
    ...overrides,
  };
}

interface Seen {
  context: OperationContext;
  inputs: unknown;
}

type Behaviour = (context: OperationContext, inputs: unknown) => Promise<ActionResult>;

/** A one-action connector `echo` and the router that sends WDL action type `Echo` to it. */
function echoSetup(behaviour?: Behaviour, timeoutMs = 10_000) {
  const seen: Seen[] = [];
  const registry = new ConnectorRegistry();
  registry.register(
    defineConnector({
      id: 'echo',
      version: '1.0.0',
      kind: 'builtin',
      display: { name: 'Echo' },
      connection: 'optional',
      connectionParameters: [],
      authTypes: [{ type: 'none' }],
      timeoutMs,
      actions: [
        defineAction<unknown, unknown>({
          kind: 'action',
          id: 'echo',
          display: { summary: 'Echo' },
          inputSchema: { type: 'object', properties: { a: { type: 'integer' } } },
          async execute(context, inputs) {
            seen.push({ context, inputs });
            if (behaviour !== undefined) return behaviour(context, inputs);
            return context.connection === undefined
              ? { body: { echoed: inputs } }
              : { body: { echoed: inputs, connection: context.connection.connectionName } };
          },
        }),
      ],
      triggers: [],
    }),
  );
  const router: ActionRouter = {
    actionType: 'Echo',
    route(request) {
      const connector = registry.require('echo');
      return { connector, action: requireAction(connector, 'echo'), inputs: request.inputs };
    },
  };
  return { router, seen };
}

/** The connection-store's answer for `r`: an http connection with no auth, pinned to `executionEnvironment`. */
function resolvedFor(r: ResolveFor, executionEnvironment = 'default'): ResolvedWithEnvironment {
  return {
    connectionId: 'c',
    connectionName: r.connectionName,
    connectorId: 'http',
    authType: 'none',
    parameters: {},
    secrets: {},
    executionEnvironment,
  };
}

function executor(
  router: ActionRouter,
  resolve: (r: ResolveFor) => Promise<ResolvedConnectionData | ResolvedWithEnvironment>,
  executionEnvironment?: string,
) {
  const registry = new Registry();
  const resolver = { resolve, forget: () => undefined } as unknown as ConnectionResolverClient;
  return {
    executor: new ActionExecutor(
      [router],
      resolver,
      new ActionMetrics(registry),
      testGuard(),
      { connectorTimeoutMs: 10_000, ...(executionEnvironment === undefined ? {} : { executionEnvironment }) },
      pino({ level: 'silent' }),
    ),
    registry,
  };
}

const noConnection = () => Promise.reject(new Error('no connection expected'));

describe('ActionExecutor', () => {
  it('dispatches by actionType and echoes run, action and attempt', async () => {
    const echo = echoSetup();
    const { executor: ex, registry } = executor(echo.router, noConnection);
    const req = request();
    const completed = await ex.execute(req);
    assert.equal(completed.status, 'Succeeded');
    assert.equal(completed.runId, req.runId);
    assert.equal(completed.actionName, 'Step');
    assert.equal(completed.attemptId, 'att-1');
    assert.deepEqual(completed.outputs, { body: { echoed: { a: 1 } } });
    const metrics = await registry.metrics();
    assert.match(
      metrics,
      /patchbay_action_duration_seconds_count\{action_type="Echo",status="Succeeded"\} 1/,
    );
  });

  it('fails an unknown actionType with a typed, non-retryable error naming it', async () => {
    const { executor: ex, registry } = executor(echoSetup().router, noConnection);
    const completed = await ex.execute(request({ actionType: 'Teleport' }));
    assert.equal(completed.status, 'Failed');
    assert.equal(completed.error?.code, ActionErrorCode.ActionTypeNotSupported);
    assert.equal(completed.error?.retryable, false);
    assert.match(completed.error.message, /'Teleport'/);
    assert.match(await registry.metrics(), /action_type="unsupported",status="Failed"/);
  });

  it('times out without calling the connector when the deadline has passed', async () => {
    const echo = echoSetup();
    const { executor: ex } = executor(echo.router, noConnection);
    const completed = await ex.execute(request({ deadline: new Date(Date.now() - 1_000).toISOString() }));
    assert.equal(completed.status, 'TimedOut');
    assert.equal(completed.error?.code, ActionErrorCode.ActionTimedOut);
    assert.equal(echo.seen.length, 0);
  });

  it('gives the connector the budget left before the deadline', async () => {
    const echo = echoSetup();
    const { executor: ex } = executor(echo.router, noConnection);
    await ex.execute(request({ deadline: new Date(Date.now() + 60_000).toISOString() }));
    assert.ok(
      echo.seen[0]!.context.deadline <= Date.now() + 10_000,
      'the connector timeout is the upper bound',
    );
  });

  it('resolves the named connection for the workflow, run and action', async () => {
    const echo = echoSetup();
    const asked: ResolveFor[] = [];
    const { executor: ex } = executor(echo.router, async (r) => {
      asked.push(r);
      return resolvedFor(r);
    });
    const req = request({ connectionName: 'crm' });
    const completed = await ex.execute(req);
    assert.deepEqual(asked, [
      { connectionName: 'crm', workflowId: req.workflowId, runId: req.runId, actionName: 'Step' },
    ]);
    assert.equal((completed.outputs as { body: { connection: string } }).body.connection, 'crm');
  });

  it('refuses, without calling the connector, a connection pinned to another execution environment', async () => {
    const echo = echoSetup();
    const pinned = (executionEnvironment: string) => async (r: ResolveFor) =>
      resolvedFor(r, executionEnvironment);
    const inPlant = executor(echo.router, pinned('plant-east'), 'plant-west').executor;
    const refused = await inPlant.execute(request({ connectionName: 'plant-db' }));
    assert.equal(refused.status, 'Failed');
    assert.deepEqual(refused.error, {
      code: 'ConnectionEnvironmentMismatch',
      message:
        "connection 'plant-db' is pinned to execution environment 'plant-east'; this connector-runtime serves 'plant-west' and does not run it",
      retryable: true,
    });
    const inDefault = executor(echo.router, pinned('plant-east')).executor;
    assert.equal((await inDefault.execute(request({ connectionName: 'plant-db' }))).status, 'Failed');
    assert.equal(echo.seen.length, 0);
    const atHome = executor(echo.router, pinned('plant-east'), 'plant-east').executor;
    assert.equal((await atHome.execute(request({ connectionName: 'plant-db' }))).status, 'Succeeded');
    assert.equal(echo.seen.length, 1);
  });

  it('fails the action with the resolution error', async () => {
    const { executor: ex } = executor(echoSetup().router, () =>
      Promise.reject(
        new ConnectionResolutionError(ActionErrorCode.ConnectionStoreUnavailable, 'store down', true),
      ),
    );
    const completed = await ex.execute(request({ connectionName: 'crm' }));
    assert.deepEqual(completed.error, {
      code: 'ConnectionStoreUnavailable',
      message: 'store down',
      retryable: true,
    });
  });

  it('turns a connector that throws into a typed failure', async () => {
    const { executor: ex } = executor(
      echoSetup(() => Promise.reject(new TypeError('bug'))).router,
      noConnection,
    );
    const completed = await ex.execute(request());
    assert.equal(completed.error?.code, ActionErrorCode.InternalConnectorError);
    assert.equal(completed.error.retryable, false);
    assert.ok(!completed.error.message.includes('bug'));
  });

  it('turns a synchronous throw into a typed failure too', async () => {
    const { executor: ex } = executor(
      echoSetup(() => {
        throw new RangeError('sync bug');
      }).router,
      noConnection,
    );
    const completed = await ex.execute(request());
    assert.equal(completed.error?.code, ActionErrorCode.InternalConnectorError);
  });

  it('keeps the code, retryability and outputs of a ConnectorError', async () => {
    const { executor: ex } = executor(
      echoSetup(() =>
        Promise.reject(new ConnectorError('Throttled', 'slow down', true, { outputs: { statusCode: 429 } })),
      ).router,
      noConnection,
    );
    const completed = await ex.execute(request());
    assert.equal(completed.status, 'Failed');
    assert.deepEqual(completed.error, { code: 'Throttled', message: 'slow down', retryable: true });
    assert.deepEqual(completed.outputs, { statusCode: 429 });
  });

  it('fails inputs that violate the schema before the connector runs, naming the field', async () => {
    const echo = echoSetup();
    const { executor: ex } = executor(echo.router, noConnection);
    const completed = await ex.execute(request({ inputs: { a: 'one' } }));
    assert.equal(completed.error?.code, 'InvalidActionInputs');
    assert.equal(completed.error.retryable, false);
    assert.match(completed.error.message, /\/a must be integer/);
    assert.equal(echo.seen.length, 0);
  });

  it('abandons a connector that ignores its abort signal: TimedOut, retryable', async () => {
    const { executor: ex } = executor(
      echoSetup(() => new Promise<never>(() => undefined), 50).router,
      noConnection,
    );
    const completed = await ex.execute(request());
    assert.equal(completed.status, 'TimedOut');
    assert.equal(completed.error?.retryable, true);
    assert.match(completed.error.message, /did not stop/);
  });
});
