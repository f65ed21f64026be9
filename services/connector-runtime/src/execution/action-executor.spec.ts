import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { ActionRequested } from '@patchbay/contracts';
import { ConnectionResolutionError } from '../connections/connection-resolution.error.js';
import type { ConnectionResolverClient, ResolveFor } from '../connections/connection-resolver.client.js';
import { ActionExecutor } from './action-executor.service.js';
import { ActionErrorCode } from './action-failure.js';
import { ActionMetrics } from './action-metrics.js';
import type { ActionContext, Connector, ResolvedConnectionData } from './connector.js';

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

class EchoConnector implements Connector {
  readonly actionType = 'Echo';
  readonly timeoutMs = 10_000;
  seen: ActionContext[] = [];
  async execute(context: ActionContext) {
    this.seen.push(context);
    return {
      status: 'Succeeded' as const,
      outputs: { echoed: context.request.inputs, connection: context.connection?.connectionName },
    };
  }
}

function executor(connector: Connector, resolve: (r: ResolveFor) => Promise<ResolvedConnectionData>) {
  const registry = new Registry();
  const resolver = { resolve, forget: () => undefined } as unknown as ConnectionResolverClient;
  return {
    executor: new ActionExecutor(
      [connector],
      resolver,
      new ActionMetrics(registry),
      pino({ level: 'silent' }),
    ),
    registry,
  };
}

const noConnection = () => Promise.reject(new Error('no connection expected'));

describe('ActionExecutor', () => {
  it('dispatches by actionType and echoes run, action and attempt', async () => {
    const echo = new EchoConnector();
    const { executor: ex, registry } = executor(echo, noConnection);
    const req = request();
    const completed = await ex.execute(req);
    assert.equal(completed.status, 'Succeeded');
    assert.equal(completed.runId, req.runId);
    assert.equal(completed.actionName, 'Step');
    assert.equal(completed.attemptId, 'att-1');
    assert.deepEqual(completed.outputs, { echoed: { a: 1 }, connection: undefined });
    const metrics = await registry.metrics();
    assert.match(
      metrics,
      /patchbay_action_duration_seconds_count\{action_type="Echo",status="Succeeded"\} 1/,
    );
  });

  it('fails an unknown actionType with a typed, non-retryable error naming it', async () => {
    const { executor: ex, registry } = executor(new EchoConnector(), noConnection);
    const completed = await ex.execute(request({ actionType: 'Teleport' }));
    assert.equal(completed.status, 'Failed');
    assert.equal(completed.error?.code, ActionErrorCode.ActionTypeNotSupported);
    assert.equal(completed.error?.retryable, false);
    assert.match(completed.error.message, /'Teleport'/);
    assert.match(await registry.metrics(), /action_type="unsupported",status="Failed"/);
  });

  it('times out without calling the connector when the deadline has passed', async () => {
    const echo = new EchoConnector();
    const { executor: ex } = executor(echo, noConnection);
    const completed = await ex.execute(request({ deadline: new Date(Date.now() - 1_000).toISOString() }));
    assert.equal(completed.status, 'TimedOut');
    assert.equal(completed.error?.code, ActionErrorCode.ActionTimedOut);
    assert.equal(echo.seen.length, 0);
  });

  it('gives the connector the budget left before the deadline', async () => {
    const echo = new EchoConnector();
    const { executor: ex } = executor(echo, noConnection);
    await ex.execute(request({ deadline: new Date(Date.now() + 60_000).toISOString() }));
    assert.ok(echo.seen[0]!.budgetMs <= 10_000, 'the connector timeout is the upper bound');
  });

  it('resolves the named connection for the workflow, run and action', async () => {
    const echo = new EchoConnector();
    const asked: ResolveFor[] = [];
    const { executor: ex } = executor(echo, async (r) => {
      asked.push(r);
      return {
        connectionId: 'c',
        connectionName: r.connectionName,
        connectorId: 'http',
        authType: 'none',
        parameters: {},
        secrets: {},
      };
    });
    const req = request({ connectionName: 'crm' });
    const completed = await ex.execute(req);
    assert.deepEqual(asked, [
      { connectionName: 'crm', workflowId: req.workflowId, runId: req.runId, actionName: 'Step' },
    ]);
    assert.equal((completed.outputs as { connection: string }).connection, 'crm');
  });

  it('fails the action with the resolution error', async () => {
    const { executor: ex } = executor(new EchoConnector(), () =>
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
    const broken: Connector = {
      actionType: 'Echo',
      timeoutMs: 1_000,
      execute: () => Promise.reject(new TypeError('bug')),
    };
    const { executor: ex } = executor(broken, noConnection);
    const completed = await ex.execute(request());
    assert.equal(completed.error?.code, ActionErrorCode.InternalConnectorError);
    assert.ok(!completed.error.message.includes('bug'));
  });
});
