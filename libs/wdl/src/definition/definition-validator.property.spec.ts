/**
 * Property tests: whatever it is given, the validator returns problems (never throws anything but typed
 * errors, which it does not throw at all), is deterministic, and terminates.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateDefinition } from './definition-validator.js';
import { DEFINITION_PROBLEM_CODES } from './definition-problem.js';

const codes = new Set<string>(DEFINITION_PROBLEM_CODES);

const actionTypes = [
  'Compose',
  'If',
  'Switch',
  'Foreach',
  'foreach',
  'Until',
  'Scope',
  'Http',
  'Response',
  'Terminate',
  'SetVariable',
  'InitializeVariable',
  'Query',
  'Select',
  'Wait',
  'JavaScriptCode',
  'Nope',
];
const expressionish = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '@',
    '@{',
    '@@',
    "@body('A')",
    "@concat('a', ",
    '@{triggerBody()}',
    "@items('L')",
    '@@{x}',
    "@parameters('p')[0]",
    '@)',
  ),
  fc.string().map((s) => `@${s}`),
  fc.string().map((s) => `x @{${s}} y`),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true }),
    expressionish,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const actionName = fc.constantFrom('A', 'B', 'C', 'L', 'S', 'R', 'x y', "it's");
const runAfter = fc.oneof(
  fc.dictionary(
    actionName,
    fc.array(fc.constantFrom('Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Other'), { maxLength: 3 }),
    { maxKeys: 3 },
  ),
  jsonValue,
);

/** Actions nested at most `depth` containers deep, so generated definitions stay small. */
function actionAt(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const nested =
    depth === 0 ? fc.constant({}) : fc.dictionary(actionName, actionAt(depth - 1), { maxKeys: 2 });
  return fc.record(
    {
      type: fc.oneof(fc.constantFrom(...actionTypes), fc.string()),
      inputs: jsonValue,
      expression: jsonValue,
      foreach: jsonValue,
      runAfter,
      actions: nested,
      else: fc.record({ actions: nested }),
      cases: fc.dictionary(fc.string({ maxLength: 4 }), fc.record({ case: jsonValue, actions: nested }), {
        maxKeys: 2,
      }),
      operationOptions: fc.oneof(fc.string(), fc.constantFrom('Sequential', 'FailWhenLimitsReached')),
      runtimeConfiguration: jsonValue,
      limit: jsonValue,
    },
    { requiredKeys: ['type'] },
  );
}
const actionDefinition = actionAt(2);

const definitionLike = fc.record(
  {
    $schema: fc.string(),
    parameters: fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.record(
        { type: fc.constantFrom('int', 'string', 'bool', 'object', 'x'), defaultValue: jsonValue },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    ),
    triggers: fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.record(
        {
          type: fc.constantFrom('Request', 'recurrence', 'Http', 'ApiConnection', 'Odd'),
          inputs: jsonValue,
          recurrence: jsonValue,
          splitOn: jsonValue,
        },
        { requiredKeys: ['type'] },
      ),
      { maxKeys: 2 },
    ),
    actions: fc.dictionary(actionName, actionDefinition, { maxKeys: 4 }),
    outputs: jsonValue,
    staticResults: jsonValue,
  },
  { requiredKeys: [] },
);

function checkResult(input: unknown): void {
  const first = validateDefinition(input);
  const second = validateDefinition(input);
  assert.deepEqual(second, first);
  assert.equal(first.valid, first.problems.length === 0);
  for (const problem of first.problems) {
    assert.ok(codes.has(problem.code), problem.code);
    assert.ok(problem.path.startsWith('$'), problem.path);
    for (const field of ['expected', 'found', 'message'] as const)
      assert.equal(typeof problem[field], 'string');
  }
}

describe('validateDefinition properties', () => {
  it('handles any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), checkResult), { numRuns: 300 });
  });

  it('handles definition-shaped values with nested actions and odd expressions', () => {
    fc.assert(fc.property(definitionLike, checkResult), { numRuns: 300 });
  });

  it('handles the same shapes inside a Standard {definition, kind} document', () => {
    fc.assert(
      fc.property(
        definitionLike,
        fc.constantFrom('Stateful', 'Stateless', 'Agentic', 'x'),
        (definition, kind) => checkResult({ definition, kind }),
      ),
      { numRuns: 100 },
    );
  });
});
