/**
 * Conditions of If, Until and Query: an expression string (`@equals(...)`), a boolean, or the object
 * form the designer writes (`{"and": [{"greater": ["@x", 17]}, {"equals": ["@y", "FR"]}]}`).
 * Object-form comparisons are handed to the expression engine as a call on literal operands, so they
 * follow exactly the same comparison rules as the functions.
 */
import { ActionFailure } from './interpreter-errors.js';
import type { RunEvaluationContext } from './run-evaluation-context.js';
import type { RunSession } from './run-session.js';
import { evaluateGeneratedExpression, evaluateValue } from './template-evaluation.js';

const COMPARISONS = new Set([
  'equals',
  'greater',
  'greaterOrEquals',
  'less',
  'lessOrEquals',
  'contains',
  'startsWith',
  'endsWith',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text of an expression literal that evaluates to `value`. */
export function expressionLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `json('${JSON.stringify(value).replace(/'/g, "''")}')`;
}

/** A value used as a condition: booleans, and the strings `true`/`false`. */
export function asBoolean(value: unknown, actionName: string, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ActionFailure(
    'InvalidTemplate',
    `The ${what} of action '${actionName}' must evaluate to a boolean, but it evaluated to ${JSON.stringify(value) ?? 'undefined'}.`,
  );
}

export function evaluateCondition(
  session: RunSession,
  condition: unknown,
  ctx: RunEvaluationContext,
  actionName: string,
  what = 'expression',
): boolean {
  if (isPlainObject(condition)) return evaluateConditionObject(session, condition, ctx, actionName, what);
  return asBoolean(evaluateValue(session, condition, ctx, actionName, what), actionName, what);
}

function evaluateConditionObject(
  session: RunSession,
  condition: Record<string, unknown>,
  ctx: RunEvaluationContext,
  actionName: string,
  what: string,
): boolean {
  const entries = Object.entries(condition);
  const [operator, operands] = entries[0] ?? [];
  if (entries.length !== 1 || operator === undefined) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The ${what} of action '${actionName}' must have exactly one operator.`,
    );
  }
  const list = Array.isArray(operands) ? operands : [operands];
  switch (operator.toLowerCase()) {
    case 'and':
      return list.map((c) => evaluateCondition(session, c, ctx, actionName, what)).every(Boolean);
    case 'or':
      return list.map((c) => evaluateCondition(session, c, ctx, actionName, what)).some(Boolean);
    case 'not':
      return !evaluateCondition(session, list[0], ctx, actionName, what);
    default: {
      const name = [...COMPARISONS].find((c) => c.toLowerCase() === operator.toLowerCase());
      if (name === undefined) {
        throw new ActionFailure(
          'InvalidTemplate',
          `The ${what} of action '${actionName}' uses unknown operator '${operator}'.`,
        );
      }
      const values = list.map((operand) => evaluateValue(session, operand, ctx, actionName, what));
      const call = `@${name}(${values.map(expressionLiteral).join(', ')})`;
      return asBoolean(evaluateGeneratedExpression(call, ctx, actionName, what), actionName, what);
    }
  }
}
