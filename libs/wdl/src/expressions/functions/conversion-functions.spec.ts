import { describe } from 'node:test';
import { itEvaluates } from '../testing/expression-cases.js';

describe('conversion functions', () => {
  itEvaluates([
    { expression: '@array(1)', expected: [1] },
    { expression: "@createArray('a', null)", expected: ['a', null] },
    { expression: '@bool(0)', expected: false },
    { expression: "@bool('TRUE')", expected: true },
    { expression: "@bool('yes')", error: 'InvalidArgumentValue' },
    { expression: '@bool(null)', error: 'InvalidArgumentType' },
    { expression: "@int(' -42 ')", expected: -42 },
    { expression: "@int('1.5')", error: 'InvalidArgumentValue' },
    { expression: "@int('99999999999999999999')", error: 'InvalidArgumentValue', why: 'beyond Int64' },
    { expression: '@int(2.5)', expected: 2, why: "banker's rounding, as Convert.ToInt64" },
    { expression: '@int(3.5)', expected: 4 },
    { expression: "@float('10.000,333', 'de-DE')", expected: 10000.333 },
    { expression: "@float('1234567,8+')", expected: 12345678 },
    { expression: "@float('-12,345,678,')", expected: -12345678 },
    { expression: "@float('.12345678')", expected: 0.12345678 },
    { expression: "@float('(5)')", expected: -5 },
    { expression: "@float('$1,000.50')", expected: 1000.5 },
    { expression: "@float('1.5e3')", expected: 1500 },
    {
      expression: "@float(',5')",
      error: 'InvalidArgumentValue',
      why: 'a group separator needs a digit before it',
    },
    { expression: "@float('abc')", error: 'InvalidArgumentValue' },
    { expression: "@float('1', 'xx-invalid-locale-tag')", error: 'InvalidLocale' },
    { expression: "@isFloat('10,000.00')", expected: true },
    { expression: "@isFloat('10.000,00', 'de-DE')", expected: true },
    { expression: "@isFloat('ten')", expected: false },
    { expression: "@isInt('10')", expected: true },
    { expression: "@isInt('10.5')", expected: false },
    { expression: "@decimal('1.2345678912312131')", expected: 1.234567891231213 },
    { expression: "@decimal('abc')", error: 'InvalidArgumentValue' },
    {
      expression: "@string(decimal('1.2345678912312131'))",
      expected: '1.2345678912312131',
      why: 'documented example 2',
    },
    {
      expression: "@add(decimal('1.2345678912312131'), decimal('1.2345678912312131'))",
      expected: 2.469135782462426,
    },
    {
      expression: "@string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))",
      expected: '2.4691357824624262',
      why: 'documented example 4',
    },
    { expression: "@{decimal('10.10')}", expected: '10.10', why: 'interpolation prints the decimal scale' },
    {
      expression: "@add(decimal('0.1'), 0.2)",
      expected: 0.3,
      why: 'a double operand joins decimal arithmetic',
    },
    { expression: "@string(div(decimal('1'), 3))", expected: '0.3333333333333333333333333333' },
    { expression: "@div(decimal('1'), 0)", error: 'DivideByZero' },
    { expression: "@mul(decimal('1'), 'x')", error: 'InvalidArgumentType' },
    { expression: '@string(10)', expected: '10' },
    { expression: '@string(null)', expected: '' },
    { expression: '@string(false)', expected: 'False' },
    { expression: '@string(0.000001)', expected: '1E-06' },
    { expression: '@string(json(\'{"a": [1, "x"]}\'))', expected: '{"a":[1,"x"]}' },
    { expression: '@json(\'{"fullName": "Sophia Owen"}\')', expected: { fullName: 'Sophia Owen' } },
    { expression: "@json('10')", expected: 10 },
    { expression: '@json(null)', expected: {}, why: 'documented: null gives an empty object' },
    { expression: "@json('{bad')", error: 'InvalidJson' },
    {
      expression:
        '@json(xml(\'<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id="2"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>\'))',
      expected: {
        '?xml': { '@version': '1.0' },
        root: {
          person: [
            { '@id': '1', name: 'Sophia Owen', occupation: 'Engineer' },
            { '@id': '2', name: 'John Doe', occupation: 'Engineer' },
          ],
        },
      },
    },
  ]);
});
