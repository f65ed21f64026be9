import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WdlExpressionSyntaxError } from '../expression-errors.js';
import { isExpressionString, parseTemplate, type ParsedTemplate } from './template-parser.js';

describe('parseTemplate', () => {
  const cases: ReadonlyArray<[string, ParsedTemplate]> = [
    ['Sophia Owen', { kind: 'literal', value: 'Sophia Owen' }],
    ['array[1]', { kind: 'literal', value: 'array[1]' }],
    ['@@', { kind: 'literal', value: '@' }],
    ['@@abc', { kind: 'literal', value: '@abc' }],
    [' @', { kind: 'literal', value: ' @' }],
    ['a@b.com', { kind: 'literal', value: 'a@b.com' }],
    ['@@{x}', { kind: 'literal', value: '@{x}' }],
    ['My age is @@{parameters(1)}', { kind: 'literal', value: 'My age is @{parameters(1)}' }],
    ["@parameters('a')", { kind: 'expression', text: "parameters('a')" }],
    [
      "@{parameters('a')}",
      { kind: 'interpolation', segments: [{ kind: 'expression', text: "parameters('a')", offset: 2 }] },
    ],
    [
      "Hi @{a()}, @{'}'} end",
      {
        kind: 'interpolation',
        segments: [
          { kind: 'text', text: 'Hi ' },
          { kind: 'expression', text: 'a()', offset: 5 },
          { kind: 'text', text: ', ' },
          { kind: 'expression', text: "'}'", offset: 13 },
          { kind: 'text', text: ' end' },
        ],
      },
    ],
  ];
  for (const [text, parsed] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseTemplate(text), parsed));
  }

  it('rejects an unterminated interpolation with its position', () => {
    assert.throws(
      () => parseTemplate('abc @{concat('),
      (error: unknown) => error instanceof WdlExpressionSyntaxError && error.position === 4,
    );
  });

  it('tells expression strings from literals', () => {
    assert.equal(isExpressionString('@x()'), true);
    assert.equal(isExpressionString('a @{x()}'), true);
    assert.equal(isExpressionString('@@x'), false);
    assert.equal(isExpressionString('user@example.com'), false);
    assert.equal(
      isExpressionString('unterminated @{'),
      true,
      'a broken interpolation still goes to the compiler',
    );
  });
});
