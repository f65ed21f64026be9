import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateDefinition, assertValidDefinition } from './definition-validator.js';
import { WdlDefinitionError } from './definition-errors.js';

const request = { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } };
const wf = (
  actions: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({ triggers: request, actions, ...extra });
const compose = (runAfter: Record<string, unknown> = {}, inputs: unknown = 'x'): Record<string, unknown> => ({
  type: 'Compose',
  inputs,
  runAfter,
});

/** Each row: a definition and the [path, code] pairs it must produce (exactly). */
const rows: { name: string; definition: unknown; problems: [string, string][] }[] = [
  { name: 'an empty definition', definition: {}, problems: [] },
  { name: 'not an object', definition: [1], problems: [['$', 'not-an-object']] },
  {
    name: 'an unknown action type is named',
    definition: wf({ A: { type: 'Frobnicate', runAfter: {} } }),
    problems: [['$.actions.A.type', 'unknown-action-type']],
  },
  {
    name: 'a missing type',
    definition: wf({ A: { inputs: 1 } }),
    problems: [['$.actions.A.type', 'missing-property']],
  },
  {
    name: 'an unknown trigger type',
    definition: { triggers: { t: { type: 'Telepathy' } } },
    problems: [['$.triggers.t.type', 'unknown-trigger-type']],
  },
  {
    name: 'an unsupported action type',
    definition: wf({ Code: { type: 'JavaScriptCode', inputs: { code: 'return 1' }, runAfter: {} } }),
    problems: [['$.actions.Code.type', 'unsupported-feature']],
  },
  {
    name: 'an unsupported trigger type',
    definition: {
      triggers: { b: { type: 'Batch', inputs: {} } },
    },
    problems: [['$.triggers.b.type', 'unsupported-feature']],
  },
  {
    name: 'a SlidingWindow trigger needs its recurrence',
    definition: { triggers: { w: { type: 'SlidingWindow' } } },
    problems: [['$.triggers.w.recurrence', 'missing-property']],
  },
  {
    name: 'a Request trigger of kind Agent',
    definition: { triggers: { chat: { type: 'Request', kind: 'Agent' } } },
    problems: [['$.triggers.chat.kind', 'unsupported-feature']],
  },
  {
    name: 'type names in any case (foreach, request, recurrence)',
    definition: {
      triggers: { t: { type: 'recurrence', recurrence: { frequency: 'day', interval: 1 } } },
      actions: {
        L: { type: 'foreach', foreach: '@createArray(1)', actions: { C: compose() }, runAfter: {} },
      },
    },
    problems: [],
  },
  {
    name: 'runAfter on an action that does not exist',
    definition: wf({ A: compose({ Ghost: ['Succeeded'] }) }),
    problems: [['$.actions.A.runAfter.Ghost', 'unknown-run-after-target']],
  },
  {
    name: 'runAfter on an action in another container',
    definition: wf({
      S: { type: 'Scope', actions: { Inner: compose() }, runAfter: {} },
      B: compose({ Inner: ['Succeeded'] }),
    }),
    problems: [['$.actions.B.runAfter.Inner', 'unknown-run-after-target']],
  },
  {
    name: 'a runAfter cycle',
    definition: wf({ A: compose({ B: ['Succeeded'] }), B: compose({ A: ['Succeeded'] }) }),
    problems: [['$.actions.B.runAfter.A', 'run-after-cycle']],
  },
  {
    name: 'a runAfter on itself',
    definition: wf({ A: compose({ A: ['Succeeded'] }) }),
    problems: [['$.actions.A.runAfter.A', 'run-after-cycle']],
  },
  {
    name: 'runAfter statuses',
    definition: wf({
      A: compose(),
      B: compose({ A: ['Done'] }),
      C: compose({ A: [] }),
      D: compose({ A: ['failed', 'TIMEDOUT'] }),
    }),
    problems: [
      ['$.actions.B.runAfter.A[0]', 'invalid-run-after-status'],
      ['$.actions.C.runAfter.A', 'invalid-run-after-status'],
    ],
  },
  {
    name: 'duplicate action names across containers',
    definition: wf({ A: compose(), S: { type: 'Scope', actions: { A: compose() }, runAfter: {} } }),
    problems: [['$.actions.S.actions.A', 'duplicate-action-name']],
  },
  {
    name: 'InitializeVariable nested in a scope',
    definition: wf({
      S: {
        type: 'Scope',
        actions: {
          V: {
            type: 'InitializeVariable',
            inputs: { variables: [{ name: 'v', type: 'string', value: '' }] },
            runAfter: {},
          },
        },
        runAfter: {},
      },
    }),
    problems: [['$.actions.S.actions.V', 'invalid-placement']],
  },
  {
    name: 'Response and Terminate inside a loop',
    definition: wf({
      L: {
        type: 'Until',
        expression: '@true',
        limit: { count: 1 },
        actions: {
          R: { type: 'Response', inputs: { statusCode: 200 }, runAfter: {} },
          T: { type: 'Terminate', inputs: { runStatus: 'Failed' }, runAfter: {} },
        },
        runAfter: {},
      },
    }),
    problems: [
      ['$.actions.L.actions.R', 'invalid-placement'],
      ['$.actions.L.actions.T', 'invalid-placement'],
    ],
  },
  {
    name: 'a Response without a Request trigger',
    definition: {
      triggers: { t: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } },
      actions: { R: { type: 'Response', inputs: {}, runAfter: {} } },
    },
    problems: [['$.actions.R', 'invalid-placement']],
  },
  {
    name: 'Sequential together with concurrency.repetitions',
    definition: wf({
      L: {
        type: 'Foreach',
        foreach: '@createArray(1)',
        operationOptions: 'Sequential',
        runtimeConfiguration: { concurrency: { repetitions: 5 } },
        actions: {},
        runAfter: {},
      },
    }),
    problems: [['$.actions.L.operationOptions', 'conflicting-options']],
  },
  {
    name: 'Foreach concurrency out of range',
    definition: wf({
      L: {
        type: 'Foreach',
        foreach: '@createArray(1)',
        runtimeConfiguration: { concurrency: { repetitions: 51 } },
        actions: {},
        runAfter: {},
      },
    }),
    problems: [['$.actions.L.runtimeConfiguration.concurrency.repetitions', 'out-of-range']],
  },
  {
    name: 'retry policy limits and durations',
    definition: wf({
      H: {
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'http://x.test',
          retryPolicy: { type: 'fixed', count: 91, interval: 'five seconds' },
        },
        runAfter: {},
      },
      J: {
        type: 'Http',
        inputs: { method: 'GET', uri: 'http://x.test', retryPolicy: { type: 'sometimes' } },
        runAfter: {},
      },
    }),
    problems: [
      ['$.actions.H.inputs.retryPolicy.count', 'out-of-range'],
      ['$.actions.H.inputs.retryPolicy.interval', 'invalid-duration'],
      ['$.actions.J.inputs.retryPolicy.type', 'invalid-value'],
    ],
  },
  {
    name: 'an Until count out of range',
    definition: wf({
      U: {
        type: 'Until',
        expression: '@true',
        limit: { count: 5001, timeout: 'PT1H' },
        actions: {},
        runAfter: {},
      },
    }),
    problems: [['$.actions.U.limit.count', 'out-of-range']],
  },
  {
    name: 'a bad limit.timeout',
    definition: wf({
      U: { type: 'Until', expression: '@true', limit: { timeout: '1 hour' }, actions: {}, runAfter: {} },
    }),
    problems: [['$.actions.U.limit.timeout', 'invalid-duration']],
  },
  {
    name: 'an expression that does not parse',
    definition: wf({ A: compose({}, { x: "@concat('a'" }) }),
    problems: [['$.actions.A.inputs.x', 'expression-syntax']],
  },
  {
    name: 'an interpolation that does not parse',
    definition: wf({ A: compose({}, 'id @{triggerBody()?[}') }),
    problems: [['$.actions.A.inputs', 'expression-syntax']],
  },
  {
    name: 'a reference to an action that does not exist',
    definition: wf({ A: compose({}, "@body('Nope')") }),
    problems: [['$.actions.A.inputs', 'unknown-action-reference']],
  },
  {
    name: 'a host function the platform does not provide',
    definition: wf({ A: compose({}, "@appsetting('X')") }),
    problems: [['$.actions.A.inputs', 'unsupported-feature']],
  },
  {
    name: 'a variable that is never initialized, and a numeric operation on a string variable',
    definition: wf({
      V: {
        type: 'InitializeVariable',
        inputs: { variables: [{ name: 's', type: 'string', value: '' }] },
        runAfter: {},
      },
      Set: { type: 'SetVariable', inputs: { name: 'missing', value: 1 }, runAfter: { V: ['Succeeded'] } },
      Inc: { type: 'IncrementVariable', inputs: { name: 'S' }, runAfter: { V: ['Succeeded'] } },
    }),
    problems: [
      ['$.actions.Inc.inputs.name', 'invalid-value'],
      ['$.actions.Set.inputs.name', 'unknown-variable'],
    ],
  },
  {
    name: 'parameter defaults against type and allowedValues',
    definition: {
      parameters: {
        n: { type: 'int', defaultValue: 'one' },
        c: { type: 'String', defaultValue: 'x', allowedValues: ['a', 'b'] },
        k: { type: 'decimal' },
      },
    },
    problems: [
      ['$.parameters.c.defaultValue', 'invalid-value'],
      ['$.parameters.k.type', 'invalid-value'],
      ['$.parameters.n.defaultValue', 'invalid-type'],
    ],
  },
  {
    name: 'an unknown top-level property',
    definition: { trigger: {} },
    problems: [['$.trigger', 'unknown-property']],
  },
  {
    name: 'an unknown action property',
    definition: wf({ A: { ...compose(), retry: 3 } }),
    problems: [['$.actions.A.retry', 'unknown-property']],
  },
  {
    name: 'Http without a uri',
    definition: wf({ H: { type: 'Http', inputs: { method: 'GET' }, runAfter: {} } }),
    problems: [['$.actions.H.inputs.uri', 'missing-property']],
  },
  {
    name: 'Switch with a repeated case value',
    definition: wf({
      S: {
        type: 'Switch',
        expression: '@1',
        cases: { A: { case: 1, actions: {} }, B: { case: 1, actions: {} } },
        runAfter: {},
      },
    }),
    problems: [['$.actions.S.cases.B.case', 'invalid-value']],
  },
  {
    name: 'a recurrence interval out of range',
    definition: { triggers: { t: { type: 'Recurrence', recurrence: { frequency: 'Month', interval: 17 } } } },
    problems: [['$.triggers.t.recurrence.interval', 'out-of-range']],
  },
  {
    name: 'a static result that is not defined',
    definition: wf({
      H: {
        type: 'Http',
        inputs: { method: 'GET', uri: 'http://x.test' },
        runtimeConfiguration: { staticResult: { name: 'H0', staticResultOptions: 'Enabled' } },
        runAfter: {},
      },
    }),
    problems: [['$.actions.H.runtimeConfiguration.staticResult.name', 'unknown-static-result']],
  },
  {
    name: 'an unknown operation option',
    definition: wf({ A: { ...compose(), operationOptions: 'Sequential, Teleport' } }),
    problems: [['$.actions.A.operationOptions', 'invalid-value']],
  },
  {
    name: 'a Response with a 3xx status',
    definition: wf({ R: { type: 'Response', inputs: { statusCode: 302 }, runAfter: {} } }),
    problems: [['$.actions.R.inputs.statusCode', 'out-of-range']],
  },
  {
    name: 'a wrapped Standard definition reports paths under $.definition',
    definition: { definition: wf({ A: compose({ B: ['Succeeded'] }) }), kind: 'Stateful' },
    problems: [['$.definition.actions.A.runAfter.B', 'unknown-run-after-target']],
  },
  {
    name: 'an agent workflow kind',
    definition: { definition: {}, kind: 'Agentic' },
    problems: [['$.kind', 'unsupported-feature']],
  },
  {
    name: 'an unknown workflow kind',
    definition: { definition: {}, kind: 'Quantum' },
    problems: [['$.kind', 'invalid-value']],
  },
];

describe('validateDefinition', () => {
  for (const row of rows) {
    it(row.name, () => {
      const result = validateDefinition(row.definition);
      assert.deepEqual(
        result.problems.map((p) => [p.path, p.code]),
        row.problems,
        JSON.stringify(result.problems, null, 1),
      );
      assert.equal(result.valid, row.problems.length === 0);
    });
  }

  it('fills expected, found and message on every problem', () => {
    const result = validateDefinition(wf({ A: { type: 'Frobnicate' } }));
    assert.deepEqual(result.problems[0], {
      path: '$.actions.A.type',
      code: 'unknown-action-type',
      expected: 'a known action type',
      found: 'Frobnicate',
      message: "$.actions.A.type: unknown action type 'Frobnicate'.",
    });
  });

  it('lists the unsupported features once each', () => {
    const result = validateDefinition(
      wf({
        A: { type: 'JavaScriptCode', inputs: {}, runAfter: {} },
        B: { type: 'CSharpScriptCode', inputs: {}, runAfter: {} },
        C: { type: 'Xslt', inputs: {}, runAfter: {} },
      }),
    );
    assert.deepEqual(result.unsupportedFeatures, ['inline-code', 'integration-account']);
    assert.ok(result.problems.every((p) => p.code === 'unsupported-feature'));
  });

  it('assertValidDefinition throws a typed error carrying the problems', () => {
    assert.throws(
      () => assertValidDefinition(wf({ A: { type: 'Nope' } })),
      (error: unknown) =>
        error instanceof WdlDefinitionError &&
        error.code === 'WdlDefinitionInvalid' &&
        error.problems.length === 1,
    );
    assert.deepEqual(assertValidDefinition({ definition: wf({}), kind: 'Stateless' }), wf({}));
  });

  it('rejects JSON nested beyond the supported depth without recursing into it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    const result = validateDefinition(wf({ A: compose({}, deep) }));
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['limit-exceeded'],
    );
  });
});
