/**
 * Table-driven helpers for the expression engine's unit specs: each case is a template string (as it sits in
 * a definition), an optional context, and either the expected JSON result or the expected error code.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  WdlEvaluationError,
  WdlExpressionSyntaxError,
  type WdlEvaluationErrorCode,
  type WdlExpressionSyntaxErrorCode,
} from '../expression-errors.js';
import { createStaticEvaluationContext, type StaticContextData } from '../static-evaluation-context.js';
import { compileTemplate } from '../template.js';

export interface ExpressionCase {
  readonly expression: string;
  readonly expected?: unknown;
  /** An evaluation error code, or a syntax error code prefixed with `syntax:`. */
  readonly error?: WdlEvaluationErrorCode | `syntax:${WdlExpressionSyntaxErrorCode}`;
  readonly context?: StaticContextData;
  /** A short reason, shown in the test name. */
  readonly why?: string;
}

/** A fixed clock and fixed id/random sources, so that every case is deterministic. */
export const FIXED_SOURCES: StaticContextData = {
  now: '2024-02-29T13:45:30.1234567Z',
  newGuid: () => 'c2ecc88d-88c8-4096-912c-d6f2e2b138ce',
  random: () => 0.5,
};

export function evaluate(expression: string, context: StaticContextData = {}): unknown {
  return compileTemplate(expression).evaluate(
    createStaticEvaluationContext({ ...FIXED_SOURCES, ...context }),
  );
}

/** One `it` per case. */
export function itEvaluates(cases: readonly ExpressionCase[]): void {
  for (const testCase of cases) {
    const name = `${testCase.expression}${testCase.why === undefined ? '' : ` (${testCase.why})`}`;
    void it(name, () => {
      if (testCase.error === undefined) {
        assert.deepEqual(evaluate(testCase.expression, testCase.context), testCase.expected);
        return;
      }
      const expectedCode = testCase.error;
      assert.throws(
        () => evaluate(testCase.expression, testCase.context),
        (error: unknown) => {
          if (expectedCode.startsWith('syntax:')) {
            assert.ok(
              error instanceof WdlExpressionSyntaxError,
              `expected a syntax error, got ${String(error)}`,
            );
            assert.equal(`syntax:${error.code}`, expectedCode);
          } else {
            assert.ok(
              error instanceof WdlEvaluationError,
              `expected an evaluation error, got ${String(error)}`,
            );
            assert.equal(error.code, expectedCode, error.message);
          }
          return true;
        },
      );
    });
  }
}
