import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  WdlExpressionSyntaxError,
} from '../expression-errors.js';
import { parseExpression } from './parser.js';

describe('parseExpression', () => {
  const shapes: ReadonlyArray<[string, unknown]> = [
    ["'it''s'", { kind: 'literal', value: "it's", isFloat: false, start: 0, end: 7 }],
    ['42', { kind: 'literal', value: 42, isFloat: false, start: 0, end: 2 }],
    ['-5', { kind: 'literal', value: -5, isFloat: false, start: 0, end: 2 }],
    ['.3', { kind: 'literal', value: 0.3, isFloat: true, start: 0, end: 2 }],
    ['5.0', { kind: 'literal', value: 5, isFloat: true, start: 0, end: 3 }],
    ['1e3', { kind: 'literal', value: 1000, isFloat: true, start: 0, end: 3 }],
    ['TRUE', { kind: 'literal', value: true, isFloat: false, start: 0, end: 4 }],
    ['null', { kind: 'literal', value: null, isFloat: false, start: 0, end: 4 }],
  ];
  for (const [text, ast] of shapes) {
    it(`reads the literal ${text}`, () => assert.deepEqual(parseExpression(text), ast));
  }

  it('reads calls, member access, indexers and null-safe forms', () => {
    const ast = parseExpression("body('a')?['b'].c?.d[0]");
    assert.equal(ast.kind, 'index');
    const printed = JSON.stringify(ast, (key, value: unknown) =>
      key === 'start' || key === 'end' ? undefined : value,
    );
    assert.equal(
      printed,
      JSON.stringify({
        kind: 'index',
        target: {
          kind: 'member',
          target: {
            kind: 'member',
            target: {
              kind: 'index',
              target: { kind: 'call', name: 'body', args: [{ kind: 'literal', value: 'a', isFloat: false }] },
              index: { kind: 'literal', value: 'b', isFloat: false },
              nullSafe: true,
            },
            property: 'c',
            nullSafe: false,
          },
          property: 'd',
          nullSafe: true,
        },
        index: { kind: 'literal', value: 0, isFloat: false },
        nullSafe: false,
      }),
    );
  });

  it('reads array literals and hyphenated property names', () => {
    assert.equal(parseExpression('length([1, 2, 3])').kind, 'call');
    const member = parseExpression('triggerOutputs().headers.Content-Type');
    assert.equal(member.kind === 'member' ? member.property : undefined, 'Content-Type');
  });

  const errors: ReadonlyArray<[string, number, string]> = [
    ["concat('a", 7, 'the string literal is not terminated'],
    ["concat('a'", 10, 'the expression ends unexpectedly'],
    ['concat(1,', 9, 'the expression ends unexpectedly'],
    ['concat 1', 7, "the number '1' is not expected"],
    ["foo('a') bar", 9, "the name 'bar' is not expected"],
    ['', 0, 'the expression ends unexpectedly'],
    ['f()?b', 4, "the name 'b' is not expected"],
    ['f(")', 2, "the character '\"' is not expected"],
    ['12abc', 2, "the character 'a' is not expected"],
  ];
  for (const [text, position, reason] of errors) {
    it(`rejects ${JSON.stringify(text)} at position ${position}`, () => {
      assert.throws(
        () => parseExpression(text),
        (error: unknown) =>
          error instanceof WdlExpressionSyntaxError &&
          error.position === position &&
          error.reason === reason &&
          error.code === 'InvalidExpression' &&
          error.expected !== '',
      );
    });
  }

  it('bounds the length and the nesting depth', () => {
    assert.throws(() => parseExpression(`'${'x'.repeat(MAX_EXPRESSION_LENGTH)}'`), {
      code: 'ExpressionTooLong',
    });
    const deep = `${'f('.repeat(MAX_EXPRESSION_DEPTH + 1)}1${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}`;
    assert.throws(() => parseExpression(deep), { code: 'ExpressionTooDeep' });
    assert.throws(() => parseExpression(`a()${'.b'.repeat(MAX_EXPRESSION_DEPTH + 1)}`), {
      code: 'ExpressionTooDeep',
    });
    assert.doesNotThrow(() => parseExpression(`${'f('.repeat(50)}1${')'.repeat(50)}`));
  });
});
