import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('collection functions', () => {
  itEvaluates([
    {
      expression: '@chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)',
      expected: [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
        [11, 12],
      ],
    },
    { expression: "@chunk('abc', 0)", error: 'InvalidArgumentValue' },
    { expression: "@contains('hello world', 'World')", expected: false, why: 'case-sensitive' },
    { expression: "@contains(createArray(1, 'a', json('{\"b\":1}')), json('{\"b\":1}'))", expected: true },
    { expression: "@contains(json('{\"key\": 1}'), 'key')", expected: true },
    { expression: "@contains(json('{\"key\": 1}'), 'KEY')", expected: false },
    { expression: "@contains(1, 'a')", error: 'InvalidArgumentType' },
    { expression: "@empty('')", expected: true },
    { expression: "@empty('abc')", expected: false },
    { expression: '@empty(createArray())', error: 'syntax:InvalidArgumentCount' },
    { expression: "@empty(json('[]'))", expected: true },
    { expression: "@empty(json('{}'))", expected: true },
    { expression: '@empty(null)', expected: true },
    { expression: '@empty(1)', error: 'InvalidArgumentType' },
    { expression: '@first(createArray(0, 1, 2))', expected: 0 },
    { expression: "@first('')", expected: null },
    { expression: '@last(createArray(0, 1, 2, 3))', expected: 3 },
    { expression: '@length(createArray(0, 1, 2, 3))', expected: 4 },
    { expression: "@length(json('{}'))", error: 'InvalidArgumentType' },
    { expression: '@intersection(createArray(1, 2, 2, 3), createArray(3, 2))', expected: [2, 3] },
    { expression: '@intersection(json(\'{"a":1,"b":2}\'), json(\'{"b":3,"c":4}\'))', expected: { b: 3 } },
    { expression: "@intersection(createArray(1), json('{}'))", error: 'InvalidArgumentType' },
    { expression: '@union(json(\'{"a":1,"b":2}\'), json(\'{"b":3}\'))', expected: { a: 1, b: 3 } },
    { expression: "@union(createArray('a', 'b'), createArray('B', 'a'))", expected: ['a', 'b', 'B'] },
    {
      expression: '@union(createArray(true, 1, 0, false, 1.0))',
      expected: [true, 0],
      why: 'equals(true, 1) holds',
    },
    {
      expression: '@length(union(range(0, 100000), range(50000, 100000)))',
      expected: 150000,
      why: 'linear de-duplication',
    },
    { expression: "@join(createArray('a', 1, null, true), '-')", expected: 'a-1--True' },
    { expression: "@join('abc', '-')", error: 'InvalidArgumentType' },
    { expression: '@reverse(createArray(0, 1, 2, 3))', expected: [3, 2, 1, 0] },
    { expression: '@skip(createArray(0, 1, 2, 3), 10)', expected: [] },
    { expression: '@take(createArray(0, 1, 2, 3, 4), 3)', expected: [0, 1, 2] },
    { expression: "@take('abcde', 0)", expected: '' },
    { expression: "@sort(createArray('b', 'B', 'a'))", expected: ['B', 'a', 'b'], why: 'ordinal' },
    {
      expression:
        '@sort(createArray(json(\'{ "first": "Amalie", "last": "Rose" }\'), json(\'{ "first": "Elise", "last": "Renee" }\')), \'last\')',
      expected: [
        { first: 'Elise', last: 'Renee' },
        { first: 'Amalie', last: 'Rose' },
      ],
    },
    { expression: "@sort(createArray(1, 'a'))", error: 'InvalidArgumentType' },
  ]);
});
