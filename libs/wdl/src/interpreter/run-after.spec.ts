import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScripted, statuses, workflow, type ScriptedConnector } from './test-support/scripted-run.js';

const failHttp: ScriptedConnector = () => ({
  status: 'Failed',
  outputs: { statusCode: 400, headers: {}, body: { error: 'bad' } },
});
const http = (runAfter: Record<string, string[]> = {}): Record<string, unknown> => ({
  type: 'Http',
  inputs: { method: 'GET', uri: 'http://backend.test/x', retryPolicy: { type: 'none' } },
  runAfter,
});
const compose = (runAfter: Record<string, string[]> = {}): Record<string, unknown> => ({
  type: 'Compose',
  inputs: 'x',
  runAfter,
});

describe('runAfter and run status', () => {
  const cases: {
    name: string;
    actions: Record<string, unknown>;
    connector?: ScriptedConnector;
    expect: Record<string, string>;
    run: string;
  }[] = [
    {
      name: 'a chain of successes succeeds',
      actions: { A: compose(), B: compose({ A: ['Succeeded'] }), C: compose({ B: ['Succeeded'] }) },
      expect: { A: 'Succeeded', B: 'Succeeded', C: 'Succeeded' },
      run: 'Succeeded',
    },
    {
      name: 'a failure skips its successors, and Skipped cascades',
      actions: { A: http(), B: compose({ A: ['Succeeded'] }), C: compose({ B: ['Succeeded'] }) },
      connector: failHttp,
      expect: { A: 'Failed', B: 'Skipped', C: 'Skipped' },
      run: 'Failed',
    },
    {
      name: 'a handler after Failed runs and the run succeeds',
      actions: { A: http(), Handle: compose({ A: ['Failed', 'TimedOut'] }) },
      connector: failHttp,
      expect: { A: 'Failed', Handle: 'Succeeded' },
      run: 'Succeeded',
    },
    {
      name: 'a skipped handler takes the status of its predecessor',
      actions: { A: http(), Handle: compose({ A: ['Failed'] }) },
      expect: { A: 'Succeeded', Handle: 'Skipped' },
      run: 'Succeeded',
    },
    {
      name: 'an action may run after Skipped',
      actions: { A: http(), B: compose({ A: ['Succeeded'] }), C: compose({ B: ['Skipped'] }) },
      connector: failHttp,
      expect: { B: 'Skipped', C: 'Succeeded' },
      run: 'Succeeded',
    },
    {
      name: 'a join waits for both branches and is skipped when one fails',
      actions: {
        Start: compose(),
        Left: compose({ Start: ['Succeeded'] }),
        Right: http({ Start: ['Succeeded'] }),
        Join: compose({ Left: ['Succeeded'], Right: ['Succeeded'] }),
      },
      connector: failHttp,
      expect: { Left: 'Succeeded', Right: 'Failed', Join: 'Skipped' },
      run: 'Failed',
    },
    {
      name: 'one failed branch end fails the run even when another branch succeeds',
      actions: { A: http(), OnOk: compose({ A: ['Succeeded'] }), OnFail: compose({ A: ['Failed'] }) },
      connector: failHttp,
      expect: { OnOk: 'Skipped', OnFail: 'Succeeded' },
      run: 'Failed',
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { state } = runScripted(workflow(testCase.actions), undefined, testCase.connector);
      assert.deepEqual(statuses(state, ...Object.keys(testCase.expect)), testCase.expect);
      assert.equal(state.status, testCase.run);
    });
  }

  it('records why an action was skipped', () => {
    const { state } = runScripted(
      workflow({ A: http(), B: compose({ A: ['Succeeded'] }) }),
      undefined,
      failHttp,
    );
    const skipped = state.actions['B']?.result;
    assert.equal(skipped?.code, 'ActionSkipped');
    assert.equal(skipped?.error?.code, 'ActionConditionFailed');
    assert.match(
      skipped?.error?.message ?? '',
      /Expected status values 'Succeeded' and actual value 'Failed'/,
    );
  });

  it('reports the Logic Apps run error when an action failure fails the run', () => {
    const { state } = runScripted(workflow({ A: http() }), undefined, failHttp);
    assert.deepEqual(state.error, {
      code: 'ActionFailed',
      message: 'An action failed. No dependent actions succeeded.',
    });
  });

  it('treats a top-level runAfter on the trigger like {}', () => {
    const { state } = runScripted(workflow({ A: compose({ manual: ['Succeeded'] }) }));
    assert.equal(statuses(state, 'A')['A'], 'Succeeded');
  });
});
