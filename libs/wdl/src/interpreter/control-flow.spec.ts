import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { manualTrigger, outputsOf, runScripted, statuses, workflow } from './test-support/scripted-run.js';
import { runSnapshot } from './run-snapshot.js';

const init = (name: string, type: string, value: unknown): Record<string, unknown> => ({
  type: 'InitializeVariable',
  inputs: { variables: [{ name, type, value }] },
  runAfter: {},
});

describe('If and Switch', () => {
  const ifWorkflow = workflow({
    Check: {
      type: 'If',
      expression: {
        and: [{ greater: ["@triggerBody()?['age']", 17] }, { equals: ["@triggerBody()?['country']", 'FR'] }],
      },
      actions: { Yes: { type: 'Compose', inputs: 'adult', runAfter: {} } },
      else: {
        actions: {
          No: { type: 'Compose', inputs: 'other', runAfter: {} },
          Nested: { type: 'Scope', actions: { Deep: { type: 'Compose', inputs: 1 } }, runAfter: {} },
        },
      },
      runAfter: {},
    },
  });

  it('runs the true branch of the object form and skips the else branch, nested actions included', () => {
    const { state } = runScripted(ifWorkflow, manualTrigger({ age: 30, country: 'FR' }));
    assert.deepEqual(statuses(state, 'Check', 'Yes', 'No', 'Nested', 'Deep'), {
      Check: 'Succeeded',
      Yes: 'Succeeded',
      No: 'Skipped',
      Nested: 'Skipped',
      Deep: 'Skipped',
    });
    assert.equal(state.actions['No']?.result.error?.code, 'ActionBranchingConditionNotSatisfied');
  });

  it('runs the else branch when the condition is false', () => {
    const { state } = runScripted(ifWorkflow, manualTrigger({ age: 12, country: 'FR' }));
    assert.deepEqual(statuses(state, 'Yes', 'No', 'Deep'), {
      Yes: 'Skipped',
      No: 'Succeeded',
      Deep: 'Succeeded',
    });
  });

  it('fails an If whose expression is not a boolean', () => {
    const { state } = runScripted(
      workflow({ Check: { type: 'If', expression: "@triggerBody()?['age']", actions: {}, runAfter: {} } }),
      manualTrigger({ age: 3 }),
    );
    assert.equal(statuses(state, 'Check')['Check'], 'Failed');
    assert.equal(state.actions['Check']?.result.error?.code, 'InvalidTemplate');
  });

  const switchWorkflow = workflow({
    Route: {
      type: 'Switch',
      expression: "@triggerBody()?['n']",
      cases: {
        One: { case: 1, actions: { A: { type: 'Compose', inputs: 'one', runAfter: {} } } },
        Two: { case: 'two', actions: { B: { type: 'Compose', inputs: 'two', runAfter: {} } } },
      },
      default: { actions: { D: { type: 'Compose', inputs: 'default', runAfter: {} } } },
      runAfter: {},
    },
  });
  const switchCases: [unknown, string][] = [
    [1, 'A'],
    ['two', 'B'],
    ['1', 'D'],
    [null, 'D'],
  ];
  for (const [subject, taken] of switchCases) {
    it(`Switch on ${JSON.stringify(subject)} takes ${taken}`, () => {
      const { state } = runScripted(switchWorkflow, manualTrigger({ n: subject }));
      const result = statuses(state, 'A', 'B', 'D');
      assert.equal(result[taken], 'Succeeded');
      assert.equal(Object.values(result).filter((s) => s === 'Succeeded').length, 1);
    });
  }
});

describe('Foreach', () => {
  const loop = (options: Record<string, unknown>, items: unknown): Record<string, unknown> =>
    workflow({
      Init: init('seen', 'array', []),
      Loop: {
        type: 'Foreach',
        foreach: items,
        actions: {
          Note: { type: 'AppendToArrayVariable', inputs: { name: 'seen', value: '@item()' }, runAfter: {} },
        },
        runAfter: { Init: ['Succeeded'] },
        ...options,
      },
    });

  it('runs sequentially in order with operationOptions Sequential', () => {
    const { state } = runScripted(loop({ operationOptions: 'Sequential' }, [3, 1, 2]));
    assert.deepEqual(state.variables['seen']?.value, [3, 1, 2]);
    assert.equal(runSnapshot(state).iterations['Loop'], 3);
  });

  it('starts up to `repetitions` iterations at once', () => {
    const definition = workflow({
      Loop: {
        type: 'Foreach',
        foreach: [1, 2, 3, 4, 5],
        runtimeConfiguration: { concurrency: { repetitions: 2 } },
        actions: {
          Call: {
            type: 'Http',
            inputs: { method: 'GET', uri: 'http://backend.test/@{item()}' },
            runAfter: {},
          },
        },
        runAfter: {},
      },
    });
    const { calls, state } = runScripted(definition, undefined, () => 'pending');
    assert.deepEqual(
      calls.map((c) => c.iterationPath),
      [[0], [1]],
    );
    assert.equal(state.status, 'Running');
  });

  it('fails the loop and the run when the input is not an array', () => {
    const { state } = runScripted(loop({}, "@triggerBody()?['items']"), manualTrigger({ items: 'none' }));
    assert.equal(statuses(state, 'Loop')['Loop'], 'Failed');
    assert.equal(state.status, 'Failed');
    assert.match(state.actions['Loop']?.result.error?.message ?? '', /must be a valid array/);
  });

  it('succeeds at once over an empty array', () => {
    const { state } = runScripted(loop({}, []));
    assert.equal(statuses(state, 'Loop')['Loop'], 'Succeeded');
    assert.equal(runSnapshot(state).iterations['Loop'], 0);
  });

  it('gives nested loops items() of each level and counts all inner passes', () => {
    const definition = workflow({
      Init: init('pairs', 'array', []),
      Outer: {
        type: 'Foreach',
        foreach: [
          { id: 'a', lines: [1, 2] },
          { id: 'b', lines: [3] },
        ],
        operationOptions: 'Sequential',
        actions: {
          Inner: {
            type: 'Foreach',
            foreach: "@items('Outer')['lines']",
            actions: {
              Add: {
                type: 'AppendToArrayVariable',
                inputs: { name: 'pairs', value: "@{items('Outer')['id']}-@{items('Inner')}" },
                runAfter: {},
              },
            },
            runAfter: {},
          },
        },
        runAfter: { Init: ['Succeeded'] },
      },
    });
    const { state } = runScripted(definition);
    assert.deepEqual(state.variables['pairs']?.value, ['a-1', 'a-2', 'b-3']);
    assert.deepEqual(runSnapshot(state).iterations, { Outer: 2, Inner: 3 });
  });

  it('fails the loop when one iteration fails, and still runs the other iterations', () => {
    const definition = workflow({
      Loop: {
        type: 'Foreach',
        foreach: [1, 2, 3],
        actions: {
          Call: {
            type: 'Http',
            inputs: { method: 'GET', uri: 'http://backend.test/@{item()}', retryPolicy: { type: 'none' } },
            runAfter: {},
          },
        },
        runAfter: {},
      },
    });
    const { state, calls } = runScripted(definition, undefined, (c) =>
      c.iterationPath[0] === 1
        ? { status: 'Failed', outputs: { statusCode: 404 } }
        : { status: 'Succeeded', outputs: { statusCode: 200 } },
    );
    assert.equal(calls.length, 3);
    assert.equal(statuses(state, 'Loop')['Loop'], 'Failed');
    assert.equal(state.actions['Call[1]']?.result.status, 'Failed');
    assert.equal(state.actions['Call[2]']?.result.status, 'Succeeded');
  });
});

describe('Until', () => {
  const until = (
    limit: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> =>
    workflow({
      Init: init('n', 'integer', 0),
      Loop: {
        type: 'Until',
        expression: "@greaterOrEquals(variables('n'), triggerBody()?['target'])",
        limit,
        actions: { Bump: { type: 'IncrementVariable', inputs: { name: 'n' }, runAfter: {} } },
        runAfter: { Init: ['Succeeded'] },
        ...extra,
      },
    });

  it('runs the body before testing, and stops when the condition holds', () => {
    const { state } = runScripted(until({ count: 10 }), manualTrigger({ target: 3 }));
    assert.equal(state.variables['n']?.value, 3);
    assert.equal(runSnapshot(state).iterations['Loop'], 3);
  });

  it('evaluates the condition after each pass with iterationIndexes() of that pass', () => {
    const definition = workflow({
      Loop: {
        type: 'Until',
        expression: "@equals(iterationIndexes('Loop'), 2)",
        limit: { count: 10 },
        actions: { Mark: { type: 'Compose', inputs: "@iterationIndexes('Loop')", runAfter: {} } },
        runAfter: {},
      },
    });
    const { state } = runScripted(definition);
    assert.equal(runSnapshot(state).iterations['Loop'], 3);
    assert.equal(outputsOf(state, 'Mark'), 2);
  });

  it('runs once when the condition is already true', () => {
    const { state } = runScripted(until({ count: 10 }), manualTrigger({ target: -1 }));
    assert.equal(state.variables['n']?.value, 1);
  });

  it('stops on limit.count and succeeds', () => {
    const { state } = runScripted(until({ count: 4 }), manualTrigger({ target: 100 }));
    assert.equal(state.variables['n']?.value, 4);
    assert.equal(statuses(state, 'Loop')['Loop'], 'Succeeded');
  });

  it('fails on a limit with FailWhenLimitsReached', () => {
    const { state } = runScripted(
      until({ count: 2 }, { operationOptions: 'FailWhenLimitsReached' }),
      manualTrigger({ target: 100 }),
    );
    assert.equal(statuses(state, 'Loop')['Loop'], 'Failed');
  });

  it('stops once limit.timeout has elapsed between passes', () => {
    const definition = workflow({
      Loop: {
        type: 'Until',
        expression: '@equals(1, 2)',
        limit: { count: 100, timeout: 'PT1M' },
        actions: {
          Pause: { type: 'Wait', inputs: { interval: { count: 25, unit: 'Second' } }, runAfter: {} },
        },
        runAfter: {},
      },
    });
    const { state } = runScripted(definition);
    assert.equal(runSnapshot(state).iterations['Loop'], 3);
    assert.equal(statuses(state, 'Loop')['Loop'], 'Succeeded');
  });
});

describe('Scope and result()', () => {
  it('fails a Scope whose action failed, and result() lists its actions for a catch handler', () => {
    const definition = workflow({
      Try: {
        type: 'Scope',
        actions: {
          Prepare: { type: 'Compose', inputs: 1, runAfter: {} },
          Call: {
            type: 'Http',
            inputs: { method: 'POST', uri: 'http://backend.test/x', retryPolicy: { type: 'none' } },
            runAfter: { Prepare: ['Succeeded'] },
          },
        },
        runAfter: {},
      },
      Catch: {
        type: 'Query',
        inputs: { from: "@result('Try')", where: "@equals(item()['status'], 'Failed')" },
        runAfter: { Try: ['Failed', 'TimedOut'] },
      },
      Report: { type: 'Compose', inputs: "@actions('Try')['status']", runAfter: { Catch: ['Succeeded'] } },
    });
    const { state } = runScripted(definition, undefined, () => ({
      status: 'Failed',
      outputs: { statusCode: 500 },
    }));
    assert.equal(statuses(state, 'Try')['Try'], 'Failed');
    const failed = (outputsOf(state, 'Catch') as { body: { name: string }[] }).body.map((r) => r.name);
    assert.deepEqual(failed, ['Call']);
    assert.equal(outputsOf(state, 'Report'), 'Failed');
    assert.equal(state.status, 'Succeeded');
  });
});
