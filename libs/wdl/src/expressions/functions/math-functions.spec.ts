import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('math functions', () => {
  itEvaluates([
    { expression: '@add(1, 2)', expected: 3 },
    { expression: '@add(0.1, 0.2)', expected: 0.30000000000000004 },
    { expression: "@add('1', 2)", error: 'InvalidArgumentType' },
    { expression: '@sub(10.3, .3)', expected: 10 },
    { expression: '@mul(1.5, 2)', expected: 3 },
    { expression: '@div(11, 5)', expected: 2, why: 'integer division truncates' },
    { expression: '@div(-11, 5)', expected: -2, why: 'towards zero' },
    { expression: '@div(11.0, 5)', expected: 2.2 },
    {
      expression: '@div(10, 4.0)',
      expected: 2.5,
      why: 'a float literal makes float division even when integral',
    },
    { expression: '@div(float(10), 4)', expected: 2.5, why: 'float() results are floats' },
    { expression: '@div(add(1.5, 1.5), 2)', expected: 1.5, why: 'float arithmetic results are floats' },
    { expression: "@div(variables('n'), 4)", expected: 2, context: { variables: { n: 10 } } },
    { expression: '@div(5, 0.0)', error: 'DivideByZero' },
    { expression: '@mod(-5, 2)', expected: -1 },
    { expression: '@mod(5.5, 2)', expected: 1.5 },
    { expression: '@mod(1, 0)', error: 'DivideByZero' },
    { expression: '@max(createArray(1, 2, 3))', expected: 3 },
    { expression: '@max(1, 2.5)', expected: 2.5 },
    { expression: '@min(createArray(1, 2, 3))', expected: 1 },
    { expression: '@min(createArray())', error: 'syntax:InvalidArgumentCount' },
    { expression: "@min(json('[]'))", error: 'InvalidArgumentValue' },
    { expression: "@max(1, 'a')", error: 'InvalidArgumentType' },
    { expression: '@rand(1, 5)', expected: 3, why: 'the injected random source gives 0.5' },
    { expression: '@rand(5, 5)', expected: 5 },
    { expression: '@rand(5, 1)', error: 'InvalidArgumentValue' },
    { expression: '@range(1, 4)', expected: [1, 2, 3, 4] },
    { expression: '@range(-2, 3)', expected: [-2, -1, 0] },
    { expression: '@range(0, 0)', expected: [] },
    { expression: '@range(0, 100001)', error: 'InvalidArgumentValue' },
    { expression: '@range(2147483647, 1)', error: 'InvalidArgumentValue' },
  ]);
});
