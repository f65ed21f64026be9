import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

const body = {
  trigger: {
    outputs: {
      body: {
        name: 'x',
        Nested: { deep: [10, 20] },
        nothing: null,
        'a/b': 'slash key',
        path: { to: 'via path' },
      },
    },
  },
};

describe('property access and indexers', () => {
  itEvaluates([
    { expression: '@triggerBody().name', expected: 'x', context: body },
    { expression: "@triggerBody()['name']", expected: 'x', context: body },
    { expression: "@triggerBody()?['NAME']", expected: 'x', context: body, why: 'case-insensitive fallback' },
    { expression: "@triggerBody()?['missing']", expected: null, context: body },
    { expression: "@triggerBody()['missing']", error: 'PropertyNotFound', context: body },
    { expression: '@triggerBody().nothing', expected: null, context: body },
    { expression: '@triggerBody().nothing.x', error: 'PropertySelectionNotSupported', context: body },
    { expression: '@triggerBody().nothing?.x', expected: null, context: body },
    { expression: "@triggerBody()?['Nested']?['deep'][1]", expected: 20, context: body },
    { expression: "@triggerBody()?['Nested']?['deep'][2]", error: 'IndexOutOfRange', context: body },
    { expression: "@triggerBody()?['Nested']?['deep']?[2]", expected: null, context: body },
    { expression: "@triggerBody()?['Nested']?['deep'][-1]", error: 'IndexOutOfRange', context: body },
    {
      expression: "@triggerBody()?['Nested']?['deep']['0']",
      error: 'PropertySelectionNotSupported',
      context: body,
    },
    { expression: "@triggerBody()?['Nested']?['deep'][1.5]", error: 'InvalidArgumentType', context: body },
    {
      expression: "@triggerBody()?['a/b']",
      expected: 'slash key',
      context: body,
      why: 'exact key before path',
    },
    {
      expression: "@triggerBody()?['path/to']",
      expected: 'via path',
      context: body,
      why: 'Power Automate style path',
    },
    {
      expression: "@triggerBody()?['constructor']",
      expected: null,
      context: body,
      why: 'no prototype members',
    },
    { expression: "@triggerBody()?['__proto__']", expected: null, context: body },
    { expression: "@triggerOutputs()['body']['name']", expected: 'x', context: body },
    { expression: "@'abc'.length", error: 'PropertySelectionNotSupported' },
    { expression: "@createArray('a', 'b', 'c')[1]", expected: 'b' },
    { expression: "@createArray('a')[parameters('i')]", expected: 'a', context: { parameters: { i: 0 } } },
    {
      expression: '@json(\'{"0": "zero"}\')[0]',
      expected: 'zero',
      why: 'an integer index on an object reads that key',
    },
    {
      expression: '@triggerBody()?.x',
      expected: null,
      context: { trigger: { outputs: {} } },
      why: 'no body at all',
    },
  ]);
});
