import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  deepFreeze,
  manualTrigger,
  replay,
  statuses,
  stepOptionsFor,
  T0,
  workflow,
} from './test-support/scripted-run.js';
import { start, step, type InterpreterResult, type StartOptions } from './run-interpreter.js';
import type { ExecuteConnectorActionCommand, InterpreterCommand } from './interpreter-commands.js';
import type { InterpreterEvent } from './interpreter-events.js';
import type { ActionCallbackRef } from './action-callback-url.js';
import type { RunState } from './run-state.js';

const asked: ActionCallbackRef[] = [];
const hook = (ref: ActionCallbackRef): string => {
  asked.push(ref);
  return `https://hooks.test/runs/${ref.runId}/callbacks/${ref.callbackId}?sig=s`;
};
const OPTIONS = { actionCallbackUrl: hook };

function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1_000).toISOString();
}

/** Drives one run by hand, recording every event and command; states are frozen as the orchestrator would. */
class Driver {
  state: RunState;
  commands: InterpreterCommand[] = [];
  events: InterpreterEvent[] = [];
  last: InterpreterCommand[] = [];

  constructor(
    readonly definition: unknown,
    readonly options: Partial<StartOptions> = OPTIONS,
  ) {
    const first = start(definition, manualTrigger({ id: 'o-1' }), { runId: 'run-1', now: T0, ...options });
    this.state = deepFreeze(first.state);
    this.take(first);
  }

  private take(result: InterpreterResult): void {
    this.state = deepFreeze(result.state);
    this.last = result.commands;
    this.commands.push(...result.commands);
  }

  apply(event: InterpreterEvent): InterpreterCommand[] {
    this.events.push(event);
    this.take(step(this.state, event, stepOptionsFor(this.definition, this.options)));
    return this.last;
  }

  connectorCalls(operation?: 'subscribe' | 'unsubscribe'): ExecuteConnectorActionCommand[] {
    return this.commands.filter(
      (c): c is ExecuteConnectorActionCommand =>
        c.type === 'executeConnectorAction' && (operation === undefined || c.operation === operation),
    );
  }

  subscribeOk(command: ExecuteConnectorActionCommand, seconds: number, outputs?: unknown): void {
    this.apply({
      type: 'actionCompleted',
      commandId: command.commandId,
      at: at(seconds),
      status: 'Succeeded',
      outputs: outputs ?? { statusCode: 201, headers: { location: 'https://target.test/subs/7' }, body: {} },
    });
  }

  callback(callbackId: string, seconds: number, body: unknown = { approved: true }): InterpreterCommand[] {
    return this.apply({
      type: 'actionCallback',
      callbackId,
      at: at(seconds),
      headers: { 'content-type': 'application/json' },
      body,
    });
  }

  action(name: string) {
    return this.state.actions[this.state.latest[name] ?? ''];
  }
}

function httpWebhook(extra: Record<string, unknown> = {}, after: Record<string, unknown> = {}) {
  return workflow({
    Hook: {
      type: 'HttpWebhook',
      inputs: {
        subscribe: {
          method: 'POST',
          uri: 'https://target.test/subscribe',
          body: { callback: '@{listCallbackUrl()}', order: "@triggerBody()?['id']" },
          retryPolicy: { type: 'fixed', count: 1, interval: 'PT5S' },
        },
        unsubscribe: {
          method: 'POST',
          uri: 'https://target.test/unsubscribe',
          body: { url: '@listCallbackUrl()' },
        },
      },
      runAfter: {},
      ...extra,
    },
    Answer: { type: 'Compose', inputs: "@body('Hook')", runAfter: { Hook: ['Succeeded'] } },
    ...after,
  });
}

function callbackIdOf(driver: Driver, name = 'Hook'): string {
  const id = driver.action(name)?.webhook?.callbackId;
  assert.ok(id, `${name} has a callback id`);
  return id;
}

describe('webhook actions: subscribe, wait for the callback, unsubscribe', () => {
  it('subscribes with its own callback URL, waits, completes with the callback, then unsubscribes once', () => {
    const run = new Driver(httpWebhook());
    const [subscribe] = run.connectorCalls('subscribe');
    assert.ok(subscribe);
    const callbackId = callbackIdOf(run);
    const url = `https://hooks.test/runs/run-1/callbacks/${callbackId}?sig=s`;
    assert.equal(subscribe.callbackUrl, url);
    assert.equal(subscribe.actionType, 'HttpWebhook');
    assert.equal(subscribe.attempt, 1);
    assert.deepEqual(subscribe.inputs, {
      subscribe: {
        method: 'POST',
        uri: 'https://target.test/subscribe',
        body: { callback: url, order: 'o-1' },
      },
      unsubscribe: { method: 'POST', uri: 'https://target.test/unsubscribe', body: { url } },
    });
    assert.ok(
      asked.some((r) => r.callbackId === callbackId && r.actionName === 'Hook' && r.runId === 'run-1'),
    );

    run.subscribeOk(subscribe, 1);
    assert.equal(run.action('Hook')?.result.status, 'Waiting');
    assert.equal(run.state.status, 'Running');
    assert.equal(run.connectorCalls('unsubscribe').length, 0, 'no unsubscribe while waiting');

    run.callback(callbackId, 30, { approved: true, by: 'ada' });
    assert.deepEqual(statuses(run.state, 'Hook', 'Answer'), { Hook: 'Succeeded', Answer: 'Succeeded' });
    assert.deepEqual(run.action('Hook')?.result.outputs, {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: { approved: true, by: 'ada' },
    });
    assert.equal(run.action('Hook')?.result.code, 'OK');
    assert.deepEqual(run.action('Answer')?.result.outputs, { approved: true, by: 'ada' });
    const unsubscribes = run.connectorCalls('unsubscribe');
    assert.equal(unsubscribes.length, 1);
    assert.equal(unsubscribes[0]?.commandId, 'run-1/Hook//unsubscribe');
    assert.deepEqual(unsubscribes[0]?.subscription, {
      statusCode: 201,
      headers: { location: 'https://target.test/subs/7' },
      body: {},
    });
    assert.equal(run.state.status, 'Succeeded');
  });

  it('ignores a second callback and the unsubscribe outcome', () => {
    const run = new Driver(
      httpWebhook(
        {},
        {
          Later: {
            type: 'Wait',
            inputs: { interval: { count: 1, unit: 'Hour' } },
            runAfter: { Answer: ['Succeeded'] },
          },
        },
      ),
    );
    const [subscribe] = run.connectorCalls('subscribe');
    run.subscribeOk(subscribe!, 1);
    const callbackId = callbackIdOf(run);
    run.callback(callbackId, 2, { first: true });
    const before = run.state;
    assert.deepEqual(run.callback(callbackId, 3, { second: true }), []);
    assert.deepEqual(run.action('Hook')?.result.outputs, before.actions['Hook']?.result.outputs);
    const unsubscribe = run.connectorCalls('unsubscribe')[0]!;
    const commands = run.apply({
      type: 'actionCompleted',
      commandId: unsubscribe.commandId,
      at: at(4),
      status: 'Failed',
      outputs: { statusCode: 500, headers: {}, body: {} },
    });
    assert.deepEqual(commands, []);
    assert.equal(
      run.action('Hook')?.result.status,
      'Succeeded',
      'a failed unsubscribe does not fail the action',
    );
    assert.equal(run.connectorCalls('unsubscribe').length, 1);
  });

  it('keeps a callback that arrives before the subscribe answer and completes with it', () => {
    const run = new Driver(httpWebhook());
    const [subscribe] = run.connectorCalls('subscribe');
    const callbackId = callbackIdOf(run);
    assert.deepEqual(run.callback(callbackId, 1, { early: true }), []);
    assert.equal(run.action('Hook')?.result.status, 'Running');
    run.subscribeOk(subscribe!, 2);
    assert.equal(run.action('Hook')?.result.status, 'Succeeded');
    assert.deepEqual((run.action('Hook')?.result.outputs as { body: unknown }).body, { early: true });
    assert.equal(run.connectorCalls('unsubscribe').length, 1);
    assert.equal(run.state.status, 'Succeeded');
  });

  it('times out after limit.timeout without a callback, unsubscribes, and ignores a late callback', () => {
    const run = new Driver(
      httpWebhook(
        { limit: { timeout: 'PT2S' } },
        { Handle: { type: 'Compose', inputs: 'timed out', runAfter: { Hook: ['TimedOut'] } } },
      ),
    );
    const [subscribe] = run.connectorCalls('subscribe');
    assert.equal(subscribe?.deadline, at(2));
    run.subscribeOk(subscribe, 1);
    const timer = Object.entries(run.state.timers).find(([, t]) => t.purpose === 'actionTimeout');
    assert.ok(timer);
    run.apply({ type: 'timerFired', timerId: timer[0], at: at(2) });
    assert.deepEqual(statuses(run.state, 'Hook', 'Answer', 'Handle'), {
      Hook: 'TimedOut',
      Answer: 'Skipped',
      Handle: 'Succeeded',
    });
    assert.equal(run.action('Hook')?.result.code, 'ActionTimedOut');
    const unsubscribes = run.connectorCalls('unsubscribe');
    assert.equal(unsubscribes.length, 1);
    assert.deepEqual((unsubscribes[0]?.subscription as { headers: unknown }).headers, {
      location: 'https://target.test/subs/7',
    });
    assert.deepEqual(run.callback(callbackIdOf(run), 3), []);
  });

  it('times out with the subscribe in flight: one unsubscribe with the Location once the late subscribe succeeds', () => {
    const run = new Driver(
      httpWebhook(
        { limit: { timeout: 'PT2S' } },
        { Handle: { type: 'Compose', inputs: 'timed out', runAfter: { Hook: ['TimedOut'] } } },
      ),
    );
    const [subscribe] = run.connectorCalls('subscribe');
    const timer = Object.entries(run.state.timers).find(([, t]) => t.purpose === 'actionTimeout')!;
    const onTimeout = run.apply({ type: 'timerFired', timerId: timer[0], at: at(2) });
    assert.deepEqual(statuses(run.state, 'Hook', 'Handle'), { Hook: 'TimedOut', Handle: 'Succeeded' });
    assert.equal(run.connectorCalls('unsubscribe').length, 0, 'no unsubscribe before the subscribe answers');
    assert.equal(
      onTimeout.some((c) => c.type === 'cancelConnectorAction'),
      false,
      'the subscribe attempt is not cancelled: its answer is needed',
    );
    assert.equal(run.state.status, 'Running', 'the run end waits for the subscribe answer');
    assert.ok(!onTimeout.some((c) => c.type === 'completeRun'));
    run.subscribeOk(subscribe!, 3);
    const unsubscribes = run.connectorCalls('unsubscribe');
    assert.equal(unsubscribes.length, 1);
    assert.deepEqual((unsubscribes[0]?.subscription as { headers: unknown }).headers, {
      location: 'https://target.test/subs/7',
    });
    assert.equal(unsubscribes[0]?.commandId, 'run-1/Hook//unsubscribe');
    assert.equal(run.state.status, 'Failed', 'the run ends as it would have, once the answer came');
    assert.equal(run.state.endTime, at(3));
    assert.equal(
      run.action('Hook')?.result.status,
      'TimedOut',
      'the late subscribe does not change the action',
    );
    assert.deepEqual(run.callback(callbackIdOf(run), 4), []);
    assert.equal(run.connectorCalls('unsubscribe').length, 1, 'exactly one unsubscribe');
    const again = replay(run.definition, manualTrigger({ id: 'o-1' }), run.events, OPTIONS);
    assert.deepEqual(again.state, run.state);
    assert.deepEqual(again.commands, run.commands);
  });

  it('sends no unsubscribe when the subscribe in flight at the timeout fails', () => {
    const run = new Driver(httpWebhook({ limit: { timeout: 'PT2S' } }));
    const [subscribe] = run.connectorCalls('subscribe');
    const timer = Object.entries(run.state.timers).find(([, t]) => t.purpose === 'actionTimeout')!;
    run.apply({ type: 'timerFired', timerId: timer[0], at: at(2) });
    assert.equal(run.state.status, 'Running');
    const last = run.apply({
      type: 'actionCompleted',
      commandId: subscribe!.commandId,
      at: at(2),
      status: 'Failed',
      outputs: { statusCode: 503, headers: {}, body: {} },
      error: { code: 'ActionTimedOut', message: 'deadline passed', retryable: true },
    });
    assert.equal(run.connectorCalls('unsubscribe').length, 0);
    assert.equal(run.connectorCalls('subscribe').length, 1, 'no retry of a released subscribe');
    assert.equal(run.action('Hook')?.result.status, 'TimedOut');
    assert.equal(run.state.status, 'Failed');
    assert.ok(last.some((c) => c.type === 'completeRun'));
    assert.equal(run.state.releasing, undefined);
  });

  it('cancelled with the subscribe in flight: one unsubscribe with the Location after the late subscribe', () => {
    const definition = workflow({
      Wait_for_approval: {
        type: 'ApiConnectionWebhook',
        inputs: {
          host: { connection: { name: 'approvals-1' } },
          path: '/subscriptions',
          body: { NotificationUrl: '@{listCallbackUrl()}' },
        },
        runAfter: {},
      },
    });
    const run = new Driver(definition);
    const [subscribe] = run.connectorCalls('subscribe');
    const onCancel = run.apply({ type: 'cancelRun', at: at(1), reason: 'operator' });
    assert.equal(run.action('Wait_for_approval')?.result.status, 'Cancelled');
    assert.equal(run.connectorCalls('unsubscribe').length, 0, 'no unsubscribe before the subscribe answers');
    assert.equal(
      onCancel.some((c) => c.type === 'cancelConnectorAction'),
      false,
    );
    assert.equal(
      onCancel.some((c) => c.type === 'completeRun'),
      false,
    );
    assert.equal(run.state.status, 'Running');
    const subscription = {
      statusCode: 201,
      headers: { Location: 'https://approvals.test/subs/9' },
      body: {},
    };
    const last = run.apply({
      type: 'actionCompleted',
      commandId: subscribe!.commandId,
      at: at(4),
      status: 'Succeeded',
      outputs: subscription,
    });
    const unsubscribes = run.connectorCalls('unsubscribe');
    assert.equal(unsubscribes.length, 1);
    assert.deepEqual(unsubscribes[0]?.subscription, subscription);
    assert.equal(unsubscribes[0]?.connectionName, 'approvals-1');
    assert.equal(run.state.status, 'Cancelled');
    assert.deepEqual(
      last.find((c) => c.type === 'completeRun'),
      {
        type: 'completeRun',
        status: 'Cancelled',
        endTime: at(4),
        responseExpected: false,
        responseSent: false,
      },
    );
    run.subscribeOk(subscribe!, 5);
    assert.equal(run.connectorCalls('unsubscribe').length, 1, 'a redelivered answer changes nothing');
    const again = replay(definition, manualTrigger({ id: 'o-1' }), run.events, OPTIONS);
    assert.deepEqual(again.state, run.state);
    assert.deepEqual(again.commands, run.commands);
  });

  it('a second cancel of a run held for a subscribe answer ends it, unsubscribing with what is known', () => {
    const run = new Driver(httpWebhook());
    const [subscribe] = run.connectorCalls('subscribe');
    run.apply({ type: 'cancelRun', at: at(1), reason: 'operator' });
    assert.equal(run.state.status, 'Running');
    const second = run.apply({ type: 'cancelRun', at: at(600), reason: 'maximum run duration' });
    assert.equal(run.state.status, 'Cancelled');
    assert.ok(second.some((c) => c.type === 'completeRun'));
    const unsubscribes = run.connectorCalls('unsubscribe');
    assert.equal(unsubscribes.length, 1);
    assert.equal(unsubscribes[0]?.subscription, undefined, 'the subscription never became known');
    assert.deepEqual(
      run.apply({
        type: 'actionCompleted',
        commandId: subscribe!.commandId,
        at: at(601),
        status: 'Succeeded',
      }),
      [],
    );
  });

  it('applies the retry policy to subscribe and fails without unsubscribing when every attempt fails', () => {
    const run = new Driver(httpWebhook());
    const first = run.connectorCalls('subscribe')[0]!;
    run.apply({
      type: 'actionCompleted',
      commandId: first.commandId,
      at: at(1),
      status: 'Failed',
      outputs: { statusCode: 503, headers: {}, body: {} },
    });
    const retry = Object.entries(run.state.timers).find(([, t]) => t.purpose === 'retry');
    assert.ok(retry, 'a retry timer');
    assert.equal(retry[1].fireAt, at(6));
    run.apply({ type: 'timerFired', timerId: retry[0], at: at(6) });
    const second = run.connectorCalls('subscribe')[1];
    assert.equal(second?.attempt, 2);
    assert.equal(second?.callbackUrl, first.callbackUrl, 'one callback URL for every subscribe attempt');
    run.apply({
      type: 'actionCompleted',
      commandId: second.commandId,
      at: at(7),
      status: 'Failed',
      outputs: { statusCode: 503, headers: {}, body: {} },
    });
    assert.deepEqual(statuses(run.state, 'Hook', 'Answer'), { Hook: 'Failed', Answer: 'Skipped' });
    assert.equal(run.action('Hook')?.result.code, 'ServiceUnavailable');
    assert.equal(run.connectorCalls('unsubscribe').length, 0);
    assert.equal(run.state.status, 'Failed');
  });

  it('unsubscribes when the run is cancelled while it waits', () => {
    const run = new Driver(httpWebhook());
    run.subscribeOk(run.connectorCalls('subscribe')[0]!, 1);
    run.apply({ type: 'cancelRun', at: at(5), reason: 'operator' });
    assert.equal(run.state.status, 'Cancelled');
    assert.equal(run.action('Hook')?.result.status, 'Cancelled');
    assert.equal(run.connectorCalls('unsubscribe').length, 1);
  });

  it('leaves out unsubscribe when HttpWebhook declares none', () => {
    const definition = workflow({
      Hook: {
        type: 'HttpWebhook',
        inputs: { subscribe: { method: 'POST', uri: 'https://target.test/s', body: '@listCallbackUrl()' } },
        runAfter: {},
      },
    });
    const run = new Driver(definition);
    run.subscribeOk(run.connectorCalls('subscribe')[0]!, 1);
    run.callback(callbackIdOf(run), 2);
    assert.equal(run.state.status, 'Succeeded');
    assert.equal(run.connectorCalls('unsubscribe').length, 0);
  });

  it('runs ApiConnectionWebhook the same way, handing the subscription back to unsubscribe', () => {
    const definition = workflow(
      {
        Wait_for_approval: {
          type: 'ApiConnectionWebhook',
          inputs: {
            host: { connection: { name: "@parameters('$connections')['approvals']['connectionId']" } },
            path: '/subscriptions',
            body: { NotificationUrl: '@{listCallbackUrl()}' },
          },
          runAfter: {},
        },
      },
      {
        parameters: {
          $connections: { type: 'Object', defaultValue: { approvals: { connectionId: 'approvals-1' } } },
        },
      },
    );
    const run = new Driver(definition);
    const [subscribe] = run.connectorCalls('subscribe');
    assert.equal(subscribe?.connectionName, 'approvals-1');
    assert.equal(
      (subscribe?.inputs as { body: { NotificationUrl: string } }).body.NotificationUrl,
      subscribe?.callbackUrl,
    );
    const subscription = { body: { location: 'https://approvals.test/subs/9', statusCode: 201 } };
    run.subscribeOk(subscribe, 1, subscription);
    run.callback(callbackIdOf(run, 'Wait_for_approval'), 2, { decision: 'yes' });
    assert.equal(run.state.status, 'Succeeded');
    const [unsubscribe] = run.connectorCalls('unsubscribe');
    assert.equal(unsubscribe?.connectionName, 'approvals-1');
    assert.deepEqual(unsubscribe?.subscription, subscription);
  });

  it('gives each loop pass its own callback URL and routes each callback to its pass', () => {
    const definition = workflow({
      Each: {
        type: 'Foreach',
        foreach: '@createArray(1, 2)',
        actions: {
          Hook: {
            type: 'HttpWebhook',
            inputs: {
              subscribe: {
                method: 'POST',
                uri: 'https://target.test/s',
                body: { n: "@items('Each')", cb: '@listCallbackUrl()' },
              },
            },
            runAfter: {},
          },
        },
        runAfter: {},
      },
    });
    const run = new Driver(definition);
    const subscribes = run.connectorCalls('subscribe');
    assert.equal(subscribes.length, 2);
    assert.notEqual(subscribes[0]?.callbackUrl, subscribes[1]?.callbackUrl);
    for (const [i, s] of subscribes.entries()) run.subscribeOk(s, i + 1);
    const idOf = (path: number): string => run.state.actions[`Hook[${path}]`]?.webhook?.callbackId ?? '';
    run.callback(idOf(1), 5, { pass: 1 });
    assert.equal(run.state.actions['Hook[1]']?.result.status, 'Succeeded');
    assert.equal(run.state.actions['Hook[0]']?.result.status, 'Waiting');
    run.callback(idOf(0), 6, { pass: 0 });
    assert.equal(run.state.status, 'Succeeded');
    assert.deepEqual((run.state.actions['Hook[0]']?.result.outputs as { body: unknown }).body, { pass: 0 });
  });

  it('replays to the same state, callback URL included', () => {
    const run = new Driver(httpWebhook());
    run.subscribeOk(run.connectorCalls('subscribe')[0]!, 1);
    run.callback(callbackIdOf(run), 9);
    const again = replay(httpWebhook(), manualTrigger({ id: 'o-1' }), run.events, OPTIONS);
    assert.deepEqual(again.state, run.state);
  });

  it('seals the subscription and an early callback of a secure-outputs action in the state', () => {
    const sealer = {
      seal: (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64'),
      unseal: (text: string) => JSON.parse(Buffer.from(text, 'base64').toString()) as unknown,
    };
    const definition = httpWebhook({ runtimeConfiguration: { secureData: { properties: ['outputs'] } } });
    const run = new Driver(definition, { ...OPTIONS, sealer });
    run.apply({
      type: 'actionCallback',
      callbackId: callbackIdOf(run),
      at: at(1),
      headers: {},
      body: { token: 'early-secret' },
    });
    assert.doesNotMatch(JSON.stringify(run.state), /early-secret/);
    const subscribe = run.connectorCalls('subscribe')[0]!;
    run.apply({
      type: 'actionCompleted',
      commandId: subscribe.commandId,
      at: at(2),
      status: 'Succeeded',
      outputs: { statusCode: 201, headers: { location: 'https://target.test/subs/secret-sub' }, body: {} },
    });
    // Answer (not secured) holds what it read, as in Logic Apps; the webhook's own state holds nothing clear.
    assert.doesNotMatch(JSON.stringify(run.action('Hook')), /secret-sub|early-secret/);
    assert.equal(run.action('Hook')?.result.status, 'Succeeded');
    assert.match(JSON.stringify(run.connectorCalls('unsubscribe')[0]?.subscription), /secret-sub/);
  });

  it('fails the action when the host gives no callback URL hook', () => {
    const run = new Driver(httpWebhook(), {});
    assert.equal(run.action('Hook')?.result.status, 'Failed');
    assert.equal(run.action('Hook')?.result.code, 'CallbackUrlUnavailable');
    assert.equal(run.connectorCalls().length, 0);
  });
});
