import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('logical comparison functions', () => {
  itEvaluates([
    { expression: '@and(true, true, true)', expected: true },
    { expression: '@and(false, true)', expected: false },
    { expression: "@and(true, 'true')", error: 'InvalidArgumentType' },
    { expression: '@or(false, false)', expected: false },
    { expression: '@or(equals(1, 2), equals(1, 3))', expected: false },
    { expression: '@not(true)', expected: false },
    { expression: '@not(1)', error: 'InvalidArgumentType' },
    { expression: "@if(equals(1, 2), 'yes', 'no')", expected: 'no' },
    {
      expression: "@if(true, 'a', div(1, 0))",
      error: 'DivideByZero',
      why: 'both branches are evaluated, as in Logic Apps',
    },
    { expression: "@equals('abc', 'abcd')", expected: false },
    { expression: "@equals('a', 'A')", expected: false },
    { expression: '@equals(false, 0)', expected: true },
    { expression: "@equals('true', true)", expected: false },
    { expression: '@equals(1, 1.0)', expected: true },
    { expression: "@equals(null, '')", expected: true, why: 'null compares as empty string' },
    { expression: '@equals(json(\'{"a":[1,{"b":2}]}\'), json(\'{"a":[1,{"b":2}]}\'))', expected: true },
    { expression: '@equals(json(\'{"a":1,"b":2}\'), json(\'{"b":2,"a":1}\'))', expected: true },
    { expression: "@greater('apple', 'banana')", expected: false },
    { expression: "@greaterOrEquals('apple', 'banana')", expected: false },
    { expression: "@less('banana', 'apple')", expected: false },
    { expression: "@lessOrEquals('apply', 'apple')", expected: false },
    { expression: '@less(1.5, 2)', expected: true },
    { expression: "@greater(null, '')", expected: false },
    { expression: "@greater('a', null)", expected: true },
    { expression: "@greater(1, 'a')", error: 'InvalidArgumentType' },
  ]);
});
