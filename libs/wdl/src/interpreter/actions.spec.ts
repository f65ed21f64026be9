import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { manualTrigger, outputsOf, runScripted, statuses, workflow } from './test-support/scripted-run.js';
import type { SendResponseCommand } from './interpreter-commands.js';

const init = (name: string, type: string, value?: unknown): Record<string, unknown> => ({
  type: 'InitializeVariable',
  inputs: { variables: [value === undefined ? { name, type } : { name, type, value }] },
  runAfter: {},
});

function chain(actions: [string, Record<string, unknown>][]): Record<string, unknown> {
  return Object.fromEntries(
    actions.map(([name, action], i) => [
      name,
      { ...action, runAfter: i === 0 ? {} : { [actions[i - 1]?.[0] ?? '']: ['Succeeded'] } },
    ]),
  );
}

describe('variables', () => {
  it('initializes every type and applies Set, Increment (default 1), Decrement and Append', () => {
    const definition = workflow(
      chain([
        ['I1', init('count', 'Integer', 0)],
        ['I2', init('ratio', 'float', 1.5)],
        ['I3', init('label', 'string', 'a')],
        ['I4', init('flag', 'boolean', false)],
        ['I5', init('list', 'array', [1, 2, 3])],
        ['I6', init('bag', 'object', { k: 1 })],
        ['Inc', { type: 'IncrementVariable', inputs: { name: 'count', value: 5 } }],
        ['IncDefault', { type: 'IncrementVariable', inputs: { name: 'COUNT' } }],
        ['Dec', { type: 'DecrementVariable', inputs: { name: 'ratio', value: 0.25 } }],
        ['Set', { type: 'SetVariable', inputs: { name: 'flag', value: "@greater(variables('count'), 5)" } }],
        ['AppendArray', { type: 'AppendToArrayVariable', inputs: { name: 'list', value: 'red' } }],
        ['AppendString', { type: 'AppendToStringVariable', inputs: { name: 'label', value: 'bc' } }],
        [
          'Read',
          {
            type: 'Compose',
            inputs: {
              count: "@variables('count')",
              ratio: "@variables('ratio')",
              label: "@variables('label')",
              flag: "@variables('flag')",
              list: "@variables('list')",
              bag: "@variables('bag')",
            },
          },
        ],
      ]),
    );
    const { state } = runScripted(definition);
    assert.equal(state.status, 'Succeeded');
    assert.deepEqual(outputsOf(state, 'Read'), {
      count: 6,
      ratio: 1.25,
      label: 'abc',
      flag: true,
      list: [1, 2, 3, 'red'],
      bag: { k: 1 },
    });
  });

  it('keeps outputs recorded earlier when the variable changes later', () => {
    const definition = workflow(
      chain([
        ['I', init('list', 'array', [])],
        ['A1', { type: 'AppendToArrayVariable', inputs: { name: 'list', value: 1 } }],
        ['Snap', { type: 'Compose', inputs: "@variables('list')" }],
        ['A2', { type: 'AppendToArrayVariable', inputs: { name: 'list', value: 2 } }],
      ]),
    );
    const { state } = runScripted(definition);
    assert.deepEqual(outputsOf(state, 'Snap'), [1]);
    assert.deepEqual(state.variables['list']?.value, [1, 2]);
  });

  const failures: [string, [string, Record<string, unknown>][]][] = [
    [
      'setting a string into an integer variable',
      [
        ['I', init('n', 'integer', 1)],
        ['S', { type: 'SetVariable', inputs: { name: 'n', value: 'x' } }],
      ],
    ],
    // The name is computed, so only the run can tell that the variable is not numeric.
    [
      'incrementing a string variable',
      [
        ['I', init('s', 'string', 'x')],
        ['S', { type: 'IncrementVariable', inputs: { name: "@{'s'}", value: 1 } }],
      ],
    ],
    [
      'initializing the same variable twice',
      [
        ['I', init('n', 'integer', 1)],
        ['S', init('n', 'integer', 2)],
      ],
    ],
    [
      'an initial value of the wrong type',
      [
        ['I', init('n', 'integer', 1)],
        ['S', init('b', 'boolean', 'yes')],
      ],
    ],
  ];
  for (const [name, actions] of failures) {
    it(`fails the action on ${name}`, () => {
      const { state } = runScripted(workflow(chain(actions)));
      assert.equal(statuses(state, 'S')['S'], 'Failed');
      assert.equal(state.status, 'Failed');
    });
  }
});

describe('data operations (documented examples)', () => {
  const cases: { name: string; action: Record<string, unknown>; expected: unknown }[] = [
    {
      name: 'Compose of a string',
      action: { type: 'Compose', inputs: 'abcdefg 1234' },
      expected: 'abcdefg 1234',
    },
    {
      name: 'Join',
      action: { type: 'Join', inputs: { from: [1, 2, 3, 4], joinWith: ',' } },
      expected: { body: '1,2,3,4' },
    },
    {
      name: 'Query',
      action: { type: 'Query', inputs: { from: [1, 3, 0, 5, 4, 2], where: '@greater(item(), 2)' } },
      expected: { body: [3, 5, 4] },
    },
    {
      name: 'Select to objects',
      action: { type: 'Select', inputs: { from: [1, 2, 3], select: { number: '@item()' } } },
      expected: { body: [{ number: 1 }, { number: 2 }, { number: 3 }] },
    },
    {
      name: 'Select over an empty array',
      action: { type: 'Select', inputs: { from: [], select: { n: '@item()' } } },
      expected: { body: [] },
    },
    {
      name: 'Table HTML',
      action: {
        type: 'Table',
        inputs: {
          format: 'HTML',
          from: [
            { ID: 0, Product_Name: 'Apples' },
            { ID: 1, Product_Name: 'Oranges' },
          ],
        },
      },
      expected: {
        body: '<table><thead><tr><th>ID</th><th>Product_Name</th></tr></thead><tbody><tr><td>0</td><td>Apples</td></tr><tr><td>1</td><td>Oranges</td></tr></tbody></table>',
      },
    },
    {
      name: 'Table HTML with columns',
      action: {
        type: 'Table',
        inputs: {
          format: 'HTML',
          from: [
            { ID: 0, Product_Name: 'Apples' },
            { ID: 1, Product_Name: 'Oranges' },
          ],
          columns: [
            { header: 'Stock_ID', value: '@item().ID' },
            { header: 'Description', value: "@concat('Organic ', item().Product_Name)" },
          ],
        },
      },
      expected: {
        body: '<table><thead><tr><th>Stock_ID</th><th>Description</th></tr></thead><tbody><tr><td>0</td><td>Organic Apples</td></tr><tr><td>1</td><td>Organic Oranges</td></tr></tbody></table>',
      },
    },
    {
      name: 'Table CSV',
      action: {
        type: 'Table',
        inputs: {
          format: 'CSV',
          from: [
            { ID: 0, Product_Name: 'Apples' },
            { ID: 1, Product_Name: 'Oranges, fresh' },
          ],
        },
      },
      expected: { body: 'ID,Product_Name\r\n0,Apples\r\n1,"Oranges, fresh"\r\n' },
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const { state } = runScripted(workflow({ Op: { ...testCase.action, runAfter: {} } }));
      assert.equal(statuses(state, 'Op')['Op'], 'Succeeded');
      assert.deepEqual(outputsOf(state, 'Op'), testCase.expected);
    });
  }

  it('fails Query when from is not an array', () => {
    const { state } = runScripted(
      workflow({ Op: { type: 'Query', inputs: { from: 'x', where: '@true' }, runAfter: {} } }),
    );
    assert.equal(statuses(state, 'Op')['Op'], 'Failed');
  });
});

describe('ParseJson', () => {
  const schema = {
    type: 'object',
    properties: { id: { type: 'string' }, qty: { type: 'integer' } },
    required: ['id'],
  };
  it('parses JSON text and exposes the body', () => {
    const { state } = runScripted(
      workflow({ P: { type: 'ParseJson', inputs: { content: '{"id":"a","qty":2}', schema }, runAfter: {} } }),
    );
    assert.deepEqual(outputsOf(state, 'P'), { body: { id: 'a', qty: 2 } });
  });
  it('fails with ValidationFailed when the content does not match the schema, keeping the body', () => {
    const { state } = runScripted(
      workflow({ P: { type: 'ParseJson', inputs: { content: { qty: 'two' }, schema }, runAfter: {} } }),
    );
    const result = state.actions['P']?.result;
    assert.equal(result?.status, 'Failed');
    assert.equal(result?.code, 'ValidationFailed');
    assert.deepEqual((result?.outputs as { body: unknown }).body, { qty: 'two' });
  });
  it('fails on content that is not JSON', () => {
    const { state } = runScripted(
      workflow({ P: { type: 'ParseJson', inputs: { content: '{nope', schema }, runAfter: {} } }),
    );
    assert.equal(state.actions['P']?.result.code, 'InvalidJSON');
  });
});

describe('Response, Terminate, Wait', () => {
  it('sends the Response with evaluated status, headers and body', () => {
    const definition = workflow({
      R: {
        type: 'Response',
        kind: 'Http',
        inputs: {
          statusCode: "@if(equals(triggerBody()?['vip'], true), 201, 200)",
          headers: { 'X-Count': "@{length(triggerBody()?['items'])}" },
          body: '@triggerBody()',
        },
        runAfter: {},
      },
    });
    const { commands, state } = runScripted(definition, manualTrigger({ vip: true, items: [1, 2] }));
    const response = commands.find((c): c is SendResponseCommand => c.type === 'sendResponse');
    assert.deepEqual(response, {
      type: 'sendResponse',
      actionName: 'R',
      statusCode: 201,
      headers: { 'X-Count': '2' },
      body: { vip: true, items: [1, 2] },
    });
    assert.deepEqual(state.response, { expected: true, sent: true, statusCode: 201, actionName: 'R' });
  });

  it('fails a second Response, because the caller already has one', () => {
    const definition = workflow({
      R1: { type: 'Response', inputs: { statusCode: 200 }, runAfter: {} },
      R2: { type: 'Response', inputs: { statusCode: 500 }, runAfter: { R1: ['Succeeded'] } },
    });
    const { state, commands } = runScripted(definition);
    assert.equal(commands.filter((c) => c.type === 'sendResponse').length, 1);
    assert.equal(statuses(state, 'R2')['R2'], 'Failed');
  });

  it('reports responseSent false in completeRun when every Response was skipped', () => {
    const definition = workflow({
      Gate: {
        type: 'If',
        expression: false,
        actions: { R: { type: 'Response', inputs: { statusCode: 200 }, runAfter: {} } },
        runAfter: {},
      },
    });
    const { commands } = runScripted(definition);
    assert.deepEqual(
      commands
        .filter((c) => c.type === 'completeRun')
        .map((c) => c.type === 'completeRun' && [c.responseExpected, c.responseSent]),
      [[true, false]],
    );
  });

  const terminations: [string, Record<string, unknown>, string, unknown][] = [
    [
      'Failed with runError',
      { runStatus: 'Failed', runError: { code: 'Nope', message: "for @{triggerBody()?['id']}" } },
      'Failed',
      { code: 'Nope', message: 'for 7' },
    ],
    ['Cancelled', { runStatus: 'Cancelled' }, 'Cancelled', undefined],
    ['Succeeded', { runStatus: 'Succeeded' }, 'Succeeded', undefined],
  ];
  for (const [name, inputs, status, error] of terminations) {
    it(`Terminate ${name} ends the run and skips nothing already finished`, () => {
      const definition = workflow({
        Before: { type: 'Compose', inputs: 1, runAfter: {} },
        Stop: { type: 'Terminate', inputs, runAfter: { Before: ['Succeeded'] } },
        After: { type: 'Compose', inputs: 2, runAfter: { Stop: ['Succeeded'] } },
      });
      const { state } = runScripted(definition, manualTrigger({ id: 7 }));
      assert.equal(state.status, status);
      assert.deepEqual(state.error, error);
      assert.equal(statuses(state, 'Before')['Before'], 'Succeeded');
      assert.equal(state.actions['After'], undefined);
    });
  }

  it('Terminate cancels a connector call in flight', () => {
    const definition = workflow({
      Slow: { type: 'Http', inputs: { method: 'GET', uri: 'http://backend.test/slow' }, runAfter: {} },
      Stop: { type: 'Terminate', inputs: { runStatus: 'Cancelled' }, runAfter: {} },
    });
    const { state, commands } = runScripted(definition, undefined, () => 'pending');
    assert.equal(state.status, 'Cancelled');
    assert.equal(statuses(state, 'Slow')['Slow'], 'Cancelled');
    assert.ok(commands.some((c) => c.type === 'cancelConnectorAction' && c.commandId === 'run-1/Slow//1'));
  });

  it('Wait with an interval starts a timer and succeeds when it fires', () => {
    const definition = workflow({
      Pause: { type: 'Wait', inputs: { interval: { count: 2, unit: 'Minute' } }, runAfter: {} },
    });
    const { state, commands } = runScripted(definition);
    const timer = commands.find((c) => c.type === 'startTimer');
    assert.equal(timer?.type === 'startTimer' && timer.fireAt, '2024-05-01T08:02:00.000Z');
    assert.equal(statuses(state, 'Pause')['Pause'], 'Succeeded');
    assert.equal(state.endTime, '2024-05-01T08:02:00.000Z');
  });

  it('Wait until a past timestamp succeeds at once', () => {
    const { state, commands } = runScripted(
      workflow({
        Pause: { type: 'Wait', inputs: { until: { timestamp: '2020-01-01T00:00:00Z' } }, runAfter: {} },
      }),
    );
    assert.equal(
      commands.some((c) => c.type === 'startTimer'),
      false,
    );
    assert.equal(statuses(state, 'Pause')['Pause'], 'Succeeded');
  });
});

describe('static results and workflow outputs', () => {
  it('returns the static result instead of calling the connector', () => {
    const definition = workflow(
      {
        Call: {
          type: 'Http',
          inputs: { method: 'GET', uri: 'http://backend.test' },
          runtimeConfiguration: { staticResult: { name: 'Call0', staticResultOptions: 'Enabled' } },
          runAfter: {},
        },
      },
      {
        staticResults: {
          Call0: { status: 'Succeeded', outputs: { statusCode: 200, body: { mocked: true } } },
        },
      },
    );
    const { state, calls } = runScripted(definition);
    assert.equal(calls.length, 0);
    assert.deepEqual(outputsOf(state, 'Call'), { statusCode: 200, body: { mocked: true } });
  });

  it('evaluates the workflow outputs when the run ends', () => {
    const definition = workflow(
      { C: { type: 'Compose', inputs: 41, runAfter: {} } },
      { outputs: { answer: { type: 'int', value: "@add(outputs('C'), 1)" } } },
    );
    const { state, commands } = runScripted(definition);
    assert.deepEqual(state.outputs, { answer: 42 });
    assert.ok(commands.some((c) => c.type === 'completeRun' && c.outputs?.['answer'] === 42));
  });
});
