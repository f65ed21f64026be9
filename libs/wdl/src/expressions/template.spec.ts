import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WdlEvaluationError, WdlExpressionSyntaxError } from './expression-errors.js';
import { createStaticEvaluationContext } from './static-evaluation-context.js';
import { compileExpression, compileTemplate, findTemplateErrors } from './template.js';
import { itEvaluates } from './testing/expression-cases.js';

const myParameters = {
  parameters: { myBirthMonth: 'January', myAge: 42, flag: true, nothing: null, obj: { a: 1 } },
};

describe('templates', () => {
  itEvaluates([
    {
      expression: "@parameters('myAge')",
      expected: 42,
      context: myParameters,
      why: 'whole value keeps its type',
    },
    {
      expression: "@{parameters('myAge')}",
      expected: '42',
      context: myParameters,
      why: 'interpolation yields a string',
    },
    { expression: "My age is @{parameters('myAge')}", expected: 'My age is 42', context: myParameters },
    {
      expression: "My age is @@{parameters('myAge')}",
      expected: "My age is @{parameters('myAge')}",
      context: myParameters,
    },
    {
      expression: "@{parameters('flag')}",
      expected: 'True',
      context: myParameters,
      why: '.NET spelling of booleans',
    },
    {
      expression: "[@{parameters('nothing')}]",
      expected: '[]',
      context: myParameters,
      why: 'null interpolates as empty',
    },
    {
      expression: "@{parameters('obj')}",
      expected: '{"a":1}',
      context: myParameters,
      why: 'objects interpolate as JSON',
    },
    { expression: '@{createArray(1, 2.5)}', expected: '[1,2.5]' },
    { expression: '@{div(1, 3.0)}', expected: '0.3333333333333333' },
    {
      expression: '@{div(1.0, 100000000)}',
      expected: '1E-08',
      why: '.NET exponent notation for small floats',
    },
    { expression: '@@', expected: '@' },
    { expression: ' @', expected: ' @' },
    { expression: "Azure @{concat('firstName','', 'LastName')}", expected: 'Azure firstNameLastName' },
    { expression: "@ concat('a' , 'b' )", expected: 'ab', why: 'white space between tokens' },
    { expression: "@Concat('a', 'b')", expected: 'ab', why: 'function names are case-insensitive' },
    { expression: '@foo()', error: 'syntax:UnknownFunction' },
    { expression: '@concat()', error: 'syntax:InvalidArgumentCount' },
    { expression: "@concat('a'", error: 'syntax:InvalidExpression' },
    { expression: 'text @{', error: 'syntax:InvalidExpression' },
    { expression: "@{parameters('missing')}", error: 'ParameterNotFound' },
  ]);

  it('walks objects and arrays, leaving property names alone', () => {
    const template = compileTemplate({
      '@name': "@parameters('myAge')",
      list: ['@@x', "@{parameters('myBirthMonth')}", 3],
      fixed: { a: [true, null] },
    });
    assert.equal(template.isConstant, false);
    assert.equal(template.expressions.length, 2);
    const result = template.evaluate(createStaticEvaluationContext(myParameters));
    assert.deepEqual(result, { '@name': 42, list: ['@x', 'January', 3], fixed: { a: [true, null] } });
  });

  it('returns constant values as they are, resolving @@ escapes once', () => {
    const source = { a: 'plain', b: [1, 2] };
    const template = compileTemplate(source);
    assert.equal(template.isConstant, true);
    assert.equal(template.evaluate(createStaticEvaluationContext()), source);
    assert.deepEqual(compileTemplate({ a: '@@b' }).evaluate(createStaticEvaluationContext()), { a: '@b' });
    assert.equal(compileTemplate(12).evaluate(createStaticEvaluationContext()), 12);
  });

  it('keeps __proto__ as a plain key', () => {
    const source = JSON.parse('{"__proto__": "@concat(\'a\', \'b\')"}') as unknown;
    const result = compileTemplate(source).evaluate(createStaticEvaluationContext()) as Record<
      string,
      unknown
    >;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(result, '__proto__')?.value, 'ab');
  });

  it('folds pure calls on literals, and interpolations of them', () => {
    assert.equal(compileExpression("concat('a', 'b')").isConstant, true);
    assert.equal(compileExpression("concat('a', guid())").isConstant, false);
    assert.equal(compileExpression("parameters('a')").isConstant, false);
    assert.equal(compileExpression('div(1, 0)').isConstant, false, 'failing calls stay for evaluation time');
  });

  it('caches compiled expressions by text', () => {
    assert.equal(compileExpression("concat('x', 'y')"), compileExpression("concat('x', 'y')"));
    assert.equal(compileTemplate("@concat('x', 'y')"), compileTemplate("@concat('x', 'y')"));
  });

  it('puts the expression text into evaluation errors', () => {
    assert.throws(
      () => compileTemplate('@div(1, 0)').evaluate(createStaticEvaluationContext()),
      (error: unknown) =>
        error instanceof WdlEvaluationError &&
        error.code === 'DivideByZero' &&
        error.functionName === 'div' &&
        error.argumentIndex === 1 &&
        error.expression === 'div(1, 0)' &&
        error.message ===
          "Unable to process template language expressions in 'div(1, 0)'. The template language function 'div' cannot divide by zero.",
    );
  });

  it('wraps unexpected JavaScript errors from the context into typed errors', () => {
    const ctx = {
      ...createStaticEvaluationContext(),
      parameter: () => {
        throw new RangeError('boom');
      },
    };
    assert.throws(
      () => compileTemplate("@parameters('a')").evaluate(ctx),
      (error: unknown) => error instanceof WdlEvaluationError && error.code === 'InternalError',
    );
  });

  it('lists every invalid expression of a value with its path', () => {
    const problems = findTemplateErrors({ a: '@concat(', b: ['ok', "@{foo('x')}"], 'c d': { e: '@@fine' } });
    assert.deepEqual(
      problems.map((problem) => [problem.path, problem.error.code]),
      [
        ['$.a', 'InvalidExpression'],
        ['$.b[1]', 'UnknownFunction'],
      ],
    );
    assert.ok(problems.every((problem) => problem.error instanceof WdlExpressionSyntaxError));
  });
});
