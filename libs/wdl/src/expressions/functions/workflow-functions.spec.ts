import { describe } from 'node:test';
import type { StaticContextData } from '../static-evaluation-context.js';
import { itEvaluates } from '../testing/expression-cases.js';

const run: StaticContextData = {
  parameters: { name: 'Sophia', nothing: null },
  variables: { count: 3 },
  trigger: {
    name: 'manual',
    outputs: {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'feedUrl=https%3A%2F%2Fexample.com&tag=a&tag=b&text=hello+world',
    },
  },
  actions: {
    Get_user: { status: 'Succeeded', outputs: { statusCode: 200, body: { id: 7 } } },
    Form: {
      outputs: {
        body: {
          '$content-type': 'multipart/form-data; boundary=x',
          $multipart: [
            { headers: { 'Content-Disposition': 'form-data; name="subject"' }, body: 'Hello' },
            {
              headers: { 'content-disposition': 'form-data; name=file' },
              body: { '$content-type': 'application/octet-stream', $content: 'AAE=' },
            },
          ],
        },
      },
    },
    Encoded: {
      outputs: {
        body: {
          '$content-type': 'application/x-www-form-urlencoded',
          $formdata: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        },
      },
    },
    Skipped: { status: 'Skipped' },
  },
  item: { id: 1 },
  items: { Outer: { id: 'outer' } },
  iterationIndexes: { Until_1: 2 },
  workflow: { name: 'wf', run: { name: 'run-1' } },
  results: { Scope: [{ name: 'A', status: 'Failed' }] },
  callbackUrl: 'https://example.com/callback',
  currentAction: { outputs: { body: 'me' } },
};

describe('workflow functions', () => {
  itEvaluates([
    { expression: "@parameters('name')", expected: 'Sophia', context: run },
    { expression: "@parameters('nothing')", expected: null, context: run, why: 'declared with a null value' },
    { expression: "@parameters('other')", error: 'ParameterNotFound', context: run },
    { expression: "@variables('count')", expected: 3, context: run },
    { expression: "@variables('other')", error: 'VariableNotFound', context: run },
    { expression: '@trigger().name', expected: 'manual', context: run },
    {
      expression: "@triggerOutputs()['headers']['content-type']",
      expected: 'application/x-www-form-urlencoded',
      context: run,
    },
    { expression: "@triggerFormDataValue('feedUrl')", expected: 'https://example.com', context: run },
    { expression: "@triggerFormDataValue('text')", expected: 'hello world', context: run },
    {
      expression: "@triggerFormDataValue('tag')",
      error: 'InvalidArgumentValue',
      context: run,
      why: 'more than one value',
    },
    { expression: "@triggerFormDataValue('none')", expected: null, context: run },
    { expression: "@triggerFormDataMultiValues('tag')", expected: ['a', 'b'], context: run },
    { expression: "@actions('Get_user').status", expected: 'Succeeded', context: run },
    { expression: "@outputs('Get_user').statusCode", expected: 200, context: run },
    { expression: "@body('Get_user')", expected: { id: 7 }, context: run },
    { expression: "@actionBody('Get_user').id", expected: 7, context: run },
    { expression: "@actionOutputs('Get_user').statusCode", expected: 200, context: run },
    { expression: "@body('Skipped')", expected: null, context: run, why: 'an action without outputs' },
    { expression: "@body('Missing')", error: 'ActionNotFound', context: run },
    { expression: "@formDataValue('Form', 'subject')", expected: 'Hello', context: run },
    { expression: "@formDataMultiValues('Encoded', 'a')", expected: ['1', '2'], context: run },
    {
      expression: "@multipartBody('Form', 1)",
      expected: { '$content-type': 'application/octet-stream', $content: 'AAE=' },
      context: run,
    },
    { expression: "@multipartBody('Form', 2)", error: 'IndexOutOfRange', context: run },
    { expression: '@triggerMultipartBody(0)', error: 'IndexOutOfRange', context: run },
    { expression: '@item().id', expected: 1, context: run },
    { expression: '@item()', error: 'NotInScope' },
    { expression: "@items('Outer').id", expected: 'outer', context: run },
    { expression: "@items('Inner')", error: 'NotInScope', context: run },
    { expression: "@iterationIndexes('Until_1')", expected: 2, context: run },
    { expression: '@workflow().run.name', expected: 'run-1', context: run },
    { expression: "@result('Scope')[0].status", expected: 'Failed', context: run },
    { expression: "@result('Nope')", error: 'ActionNotFound', context: run },
    { expression: '@listCallbackUrl()', expected: 'https://example.com/callback', context: run },
    { expression: '@listCallbackUrl()', error: 'NotAvailable' },
    { expression: '@action().outputs.body', expected: 'me', context: run },
    { expression: '@action()', error: 'NotInScope' },
    { expression: '@triggerBody()', expected: null, why: 'no trigger yet' },
  ]);
});
