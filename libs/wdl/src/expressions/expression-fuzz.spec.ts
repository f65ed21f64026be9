/**
 * Property-based tests: whatever the input, the parser and the evaluator either succeed or throw one of the
 * engine's typed errors, and they finish (inputs are bounded; each test has a timeout as a hang guard).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { WdlEvaluationError, WdlExpressionSyntaxError } from './expression-errors.js';
import { functionNames } from './runtime/function-registry.js';
import { createStaticEvaluationContext } from './static-evaluation-context.js';
import { parseExpression } from './syntax/parser.js';
import { compileTemplate } from './template.js';

const HANG_GUARD = { timeout: 120_000 };

function assertTypedOutcome(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(
      error instanceof WdlExpressionSyntaxError || error instanceof WdlEvaluationError,
      `untyped error: ${String(error)}`,
    );
  }
}

const contextArbitrary = fc.record({
  body: fc.jsonValue({ maxDepth: 3 }),
  parameter: fc.jsonValue({ maxDepth: 2 }),
  item: fc.jsonValue({ maxDepth: 2 }),
});

function contextOf(data: {
  body: unknown;
  parameter: unknown;
  item: unknown;
}): ReturnType<typeof createStaticEvaluationContext> {
  return createStaticEvaluationContext({
    parameters: { p: data.parameter },
    variables: { v: data.parameter },
    trigger: { outputs: { headers: {}, body: data.body } },
    actions: { A: { outputs: { body: data.body } } },
    item: data.item,
    items: { L: data.item },
    iterationIndexes: { L: 0 },
    workflow: { name: 'w' },
    results: { S: [] },
    callbackUrl: 'https://example.com/cb',
    now: '2024-01-01T00:00:00Z',
    newGuid: () => '00000000-0000-4000-8000-000000000000',
    random: () => 0.25,
  });
}

const names = functionNames();
const stringLiteral = fc.string({ maxLength: 12 }).map((text) => `'${text.replace(/'/g, "''")}'`);
const interestingString = fc
  .constantFrom(
    '2018-03-15T13:27:36Z',
    '03/15/2018',
    'Pacific Standard Time',
    'en-US',
    'fr-FR',
    'yyyy-MM-dd',
    'o',
    '#,##0.00',
    'C2',
    '<a><b>1</b></a>',
    '{"a":[1,2]}',
    'aGVsbG8=',
    'data:,x',
    'https://example.com:8080/p?q=1',
    'Day',
    '//b',
    'N',
    'a',
  )
  .map((text) => `'${text.replace(/'/g, "''")}'`);
const numberLiteral = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => (Number.isInteger(n) ? `${n}.0` : String(n))),
);
const atom = fc.oneof(
  stringLiteral,
  interestingString,
  numberLiteral,
  fc.constantFrom('true', 'false', 'null', "'p'", "'A'", "'L'", "'S'"),
);

/** Well-formed expressions over every known function, with random (often ill-typed) arguments. */
const expressionArbitrary: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc
      .tuple(fc.constantFrom(...names), fc.array(tie('expression'), { maxLength: 4 }))
      .map(([name, args]) => `${name}(${args.join(', ')})`),
    fc
      .tuple(tie('expression'), fc.constantFrom('.a', "?['a']", '[0]', '?[1]', '.name', "['body']"))
      .map(([target, access]) => `${target}${access}`),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
  ),
})).expression;

describe('expression engine properties', () => {
  it('parses arbitrary text into a tree or a typed syntax error', HANG_GUARD, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        assertTypedOutcome(() => parseExpression(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('compiles and evaluates arbitrary template strings with typed errors only', HANG_GUARD, () => {
    const templateText = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 10 }),
          fc.constantFrom('@', '@@', '@{', '}', "'", '(', ')', '[', ']', '?', '.', ','),
          expressionArbitrary.map((e) => `@{${e}}`),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(templateText, contextArbitrary, (text, data) => {
        assertTypedOutcome(() => compileTemplate(text).evaluate(contextOf(data)));
      }),
      { numRuns: 500 },
    );
  });

  it(
    'evaluates well-formed calls of every function on random arguments with typed errors only',
    HANG_GUARD,
    () => {
      fc.assert(
        fc.property(expressionArbitrary, contextArbitrary, (text, data) => {
          assertTypedOutcome(() => compileTemplate(`@${text}`).evaluate(contextOf(data)));
        }),
        { numRuns: 1500 },
      );
    },
  );

  it('reads any JSON value from the context without untyped errors', HANG_GUARD, () => {
    const reads = [
      "@triggerBody()?['a']?[0]",
      '@string(triggerBody())',
      '@length(triggerBody())',
      '@json(string(triggerBody()))',
      '@xml(triggerBody())',
      '@union(triggerBody(), triggerBody())',
      '@equals(triggerBody(), item())',
      '@sort(triggerBody())',
      '@join(triggerBody(), item())',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...reads), contextArbitrary, (text, data) => {
        assertTypedOutcome(() => compileTemplate(text).evaluate(contextOf(data)));
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips string(json(...)) for any JSON object or array', HANG_GUARD, () => {
    // Scalars are excluded on purpose: string(true) is 'True' and string('x') is 'x', as in Logic Apps.
    const container = fc.oneof(
      fc.array(fc.jsonValue({ maxDepth: 3 })),
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
    );
    fc.assert(
      fc.property(container, (value) => {
        const ctx = createStaticEvaluationContext({ parameters: { v: JSON.stringify(value) } });
        const text = compileTemplate("@string(json(parameters('v')))").evaluate(ctx);
        assert.deepEqual(JSON.parse(text as string), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});
