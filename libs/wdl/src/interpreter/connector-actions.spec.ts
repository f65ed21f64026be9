import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  manualTrigger,
  outputsOf,
  runScripted,
  statuses,
  T0,
  workflow,
  type ScriptedConnector,
} from './test-support/scripted-run.js';
import { start, step } from './run-interpreter.js';
import type { StartTimerCommand } from './interpreter-commands.js';

function http(retryPolicy?: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return workflow({
    Call: {
      type: 'Http',
      inputs: {
        method: 'POST',
        uri: 'http://backend.test/orders',
        body: { id: "@triggerBody()?['id']" },
        ...(retryPolicy === undefined ? {} : { retryPolicy }),
      },
      runAfter: {},
      ...extra,
    },
  });
}

function failing(status: number, times = Infinity): ScriptedConnector {
  let calls = 0;
  return () => {
    calls += 1;
    return calls <= times
      ? { status: 'Failed', outputs: { statusCode: status, headers: {}, body: { error: 'x' } } }
      : { status: 'Succeeded', outputs: { statusCode: 200, headers: {}, body: { ok: true } } };
  };
}

function retryTimers(commands: { type: string }[]): StartTimerCommand[] {
  return commands.filter(
    (c): c is StartTimerCommand => c.type === 'startTimer' && (c as StartTimerCommand).purpose === 'retry',
  );
}

describe('connector commands', () => {
  it('emits executeConnectorAction with evaluated inputs (retryPolicy left out) and a stable idempotency key', () => {
    const { calls } = runScripted(http({ type: 'none' }), manualTrigger({ id: 'o-1' }));
    assert.equal(calls.length, 1);
    const call = calls[0];
    assert.equal(call?.idempotencyKey, 'run-1/Call//1');
    assert.equal(call?.commandId, call?.idempotencyKey);
    assert.deepEqual(call?.inputs, {
      method: 'POST',
      uri: 'http://backend.test/orders',
      body: { id: 'o-1' },
    });
    assert.equal(call?.actionType, 'Http');
    assert.equal(call?.attempt, 1);
  });

  it('names the connection and the deadline when there are some', () => {
    const definition = workflow(
      {
        Get: {
          type: 'ApiConnection',
          inputs: {
            host: { connection: { name: "@parameters('$connections')['sql']['connectionId']" } },
            method: 'get',
            path: '/rows',
          },
          limit: { timeout: 'PT2M' },
          runAfter: {},
        },
        Send: {
          type: 'ServiceProvider',
          inputs: {
            parameters: {},
            serviceProviderConfiguration: {
              connectionName: 'serviceBus',
              operationId: 'sendMessage',
              serviceProviderId: '/serviceProviders/serviceBus',
            },
          },
          runAfter: {},
        },
      },
      {
        parameters: {
          $connections: { type: 'object', defaultValue: { sql: { connectionId: '/connections/sql-1' } } },
        },
      },
    );
    const { calls } = runScripted(definition, undefined, () => 'pending');
    assert.deepEqual(
      calls.map((c) => [c.actionName, c.connectionName, c.deadline]),
      [
        ['Get', '/connections/sql-1', '2024-05-01T08:02:00.000Z'],
        ['Send', 'serviceBus', undefined],
      ],
    );
  });

  it('records Http outputs and the status name as code', () => {
    const { state } = runScripted(http({ type: 'none' }), undefined, () => ({
      status: 'Succeeded',
      outputs: { statusCode: 201, headers: {}, body: { ok: 1 } },
    }));
    assert.equal(state.actions['Call']?.result.code, 'Created');
    assert.deepEqual(outputsOf(state, 'Call'), { statusCode: 201, headers: {}, body: { ok: 1 } });
  });

  const policies: {
    name: string;
    policy: unknown;
    status: number;
    failures: number;
    attempts: number;
    final: string;
  }[] = [
    {
      name: 'fixed count 2 retries a 500 twice',
      policy: { type: 'fixed', count: 2, interval: 'PT5S' },
      status: 500,
      failures: Infinity,
      attempts: 3,
      final: 'Failed',
    },
    {
      name: 'fixed succeeds on the first retry',
      policy: { type: 'fixed', count: 2, interval: 'PT5S' },
      status: 500,
      failures: 1,
      attempts: 2,
      final: 'Succeeded',
    },
    {
      name: 'a 400 is not retried',
      policy: { type: 'fixed', count: 2, interval: 'PT5S' },
      status: 400,
      failures: Infinity,
      attempts: 1,
      final: 'Failed',
    },
    {
      name: 'a 429 is retried',
      policy: { type: 'fixed', count: 1, interval: 'PT5S' },
      status: 429,
      failures: Infinity,
      attempts: 2,
      final: 'Failed',
    },
    {
      name: 'a 408 is retried',
      policy: { type: 'fixed', count: 1, interval: 'PT5S' },
      status: 408,
      failures: Infinity,
      attempts: 2,
      final: 'Failed',
    },
    {
      name: 'none never retries',
      policy: { type: 'none' },
      status: 503,
      failures: Infinity,
      attempts: 1,
      final: 'Failed',
    },
    {
      name: 'the default policy retries 4 times',
      policy: undefined,
      status: 502,
      failures: Infinity,
      attempts: 5,
      final: 'Failed',
    },
    {
      name: 'exponential count 3',
      policy: { type: 'exponential', count: 3, interval: 'PT10S' },
      status: 500,
      failures: Infinity,
      attempts: 4,
      final: 'Failed',
    },
  ];
  for (const p of policies) {
    it(p.name, () => {
      const { calls, state } = runScripted(http(p.policy), undefined, failing(p.status, p.failures));
      assert.equal(calls.length, p.attempts);
      assert.deepEqual(
        calls.map((c) => c.attempt),
        Array.from({ length: p.attempts }, (_, i) => i + 1),
      );
      assert.equal(statuses(state, 'Call')['Call'], p.final);
    });
  }

  it('spaces fixed retries by the interval', () => {
    const { commands } = runScripted(
      http({ type: 'fixed', count: 2, interval: 'PT5S' }),
      undefined,
      failing(500),
    );
    assert.deepEqual(
      retryTimers(commands).map((t) => t.fireAt),
      ['2024-05-01T08:00:05.000Z', '2024-05-01T08:00:10.000Z'],
    );
  });

  it('draws the default exponential delays from the documented ranges', () => {
    const { commands } = runScripted(http(), undefined, failing(500));
    const delays: number[] = [];
    let previous = Date.parse(T0);
    for (const timer of retryTimers(commands)) {
      delays.push(Date.parse(timer.fireAt) - previous);
      previous = Date.parse(timer.fireAt);
    }
    const ranges = [
      [5_000, 7_000],
      [7_000, 14_000],
      [14_000, 28_000],
      [28_000, 56_000],
    ];
    assert.equal(delays.length, 4);
    delays.forEach((delay, i) => {
      const [low, high] = ranges[i] as [number, number];
      assert.ok(
        delay >= low && delay <= high,
        `retry ${i + 1} waited ${delay} ms, outside [${low}, ${high}]`,
      );
    });
  });

  it('retries a failure without a response only when the connector marks it retryable', () => {
    const transient = runScripted(http({ type: 'fixed', count: 1, interval: 'PT5S' }), undefined, () => ({
      status: 'Failed',
      error: { code: 'ConnectionRefused', message: 'no', retryable: true },
    }));
    assert.equal(transient.calls.length, 2);
    const permanent = runScripted(http({ type: 'fixed', count: 1, interval: 'PT5S' }), undefined, () => ({
      status: 'Failed',
      error: { code: 'ConnectionNotFound', message: 'no' },
    }));
    assert.equal(permanent.calls.length, 1);
    assert.deepEqual(permanent.state.actions['Call']?.result.error, {
      code: 'ConnectionNotFound',
      message: 'no',
    });
  });

  it('times the action out after limit.timeout, cancels the call and marks it TimedOut', () => {
    const definition = workflow({
      Call: {
        type: 'Http',
        inputs: { method: 'GET', uri: 'http://backend.test/slow' },
        limit: { timeout: 'PT30S' },
        runAfter: {},
      },
      OnTimeout: { type: 'Compose', inputs: 'late', runAfter: { Call: ['TimedOut'] } },
    });
    const { state, commands } = runScripted(definition, undefined, () => 'pending');
    assert.deepEqual(statuses(state, 'Call', 'OnTimeout'), { Call: 'TimedOut', OnTimeout: 'Succeeded' });
    assert.equal(state.actions['Call']?.result.error?.code, 'ActionTimedOut');
    assert.ok(commands.some((c) => c.type === 'cancelConnectorAction' && c.reason === 'ActionTimedOut'));
    assert.equal(state.endTime, '2024-05-01T08:00:30.000Z');
  });

  it('ignores a duplicate or late completion', () => {
    const first = start(http({ type: 'none' }), manualTrigger(), { runId: 'run-1', now: T0 });
    const command = first.commands.find((c) => c.type === 'executeConnectorAction');
    assert.ok(command?.type === 'executeConnectorAction');
    const done = step(first.state, {
      type: 'actionCompleted',
      commandId: command.commandId,
      at: T0,
      status: 'Succeeded',
      outputs: { statusCode: 200 },
    });
    assert.equal(done.state.status, 'Succeeded');
    const again = step(done.state, {
      type: 'actionCompleted',
      commandId: command.commandId,
      at: T0,
      status: 'Failed',
      outputs: { statusCode: 500 },
    });
    assert.equal(again.state, done.state);
    assert.deepEqual(again.commands, []);
    const unknown = step(first.state, {
      type: 'actionCompleted',
      commandId: 'run-1/Other//1',
      at: T0,
      status: 'Succeeded',
    });
    assert.deepEqual(unknown.state.actions, first.state.actions);
    assert.deepEqual(unknown.commands, []);
  });

  it('cancelRun cancels work in flight and ends the run Cancelled', () => {
    const first = start(http(), manualTrigger(), { runId: 'run-1', now: T0 });
    const result = step(first.state, {
      type: 'cancelRun',
      at: '2024-05-01T08:00:01.000Z',
      reason: 'operator',
    });
    assert.equal(result.state.status, 'Cancelled');
    assert.deepEqual(
      result.commands.map((c) => c.type),
      ['cancelConnectorAction', 'recordActionResult', 'completeRun'],
    );
  });

  it('does not modify the state it is given', () => {
    const first = start(http({ type: 'none' }), manualTrigger(), { runId: 'run-1', now: T0 });
    const before = JSON.stringify(first.state);
    step(first.state, {
      type: 'actionCompleted',
      commandId: 'run-1/Call//1',
      at: T0,
      status: 'Succeeded',
      outputs: { statusCode: 200 },
    });
    assert.equal(JSON.stringify(first.state), before);
  });
});
