/**
 * The one seam between the definition validator / interpreter and the expression engine
 * (`../expressions`). Everything in `definition/` and `interpreter/` reaches the engine only through
 * this file, so the engine's exact export names are adapted in one place.
 *
 * INTERIM: the engine is being written in parallel. Until it lands this file implements constants
 * only: a value without expressions compiles to itself (with `@@` unescaped); any expression compiles,
 * but evaluating it throws `ExpressionEngineUnavailableError`.
 */
import type { EvaluationContext } from '../expressions/index.js';

/** A value (string, object, array, scalar) whose embedded `@` expressions were compiled once. */
export interface CompiledTemplate {
  evaluate(ctx: EvaluationContext): unknown;
  readonly isConstant: boolean;
}

/** Raised while an expression is evaluated without the engine available. */
export class ExpressionEngineUnavailableError extends Error {
  readonly code = 'ExpressionEngineUnavailable';
  readonly retryable = false;
  constructor(text: string) {
    super(`The expression engine is not available to evaluate '${text}'.`);
    this.name = 'ExpressionEngineUnavailableError';
  }
}

function isExpressionString(text: string): boolean {
  return (text.startsWith('@') && !text.startsWith('@@')) || /(^|[^@])@\{/.test(text);
}

function unescapeLiteral(text: string): string {
  return text.startsWith('@@') ? text.slice(1) : text;
}

function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return isExpressionString(value);
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
  return false;
}

function constantOf(value: unknown): unknown {
  if (typeof value === 'string') return unescapeLiteral(value);
  if (Array.isArray(value)) return value.map(constantOf);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, constantOf(v)]));
  }
  return value;
}

/** Compiles a JSON value with embedded expressions. Throws the engine's syntax error on bad text. */
export function compileTemplate(value: unknown): CompiledTemplate {
  if (!containsExpression(value)) {
    const constant = constantOf(value);
    return { isConstant: true, evaluate: () => structuredClone(constant) };
  }
  return {
    isConstant: false,
    evaluate: () => {
      throw new ExpressionEngineUnavailableError(JSON.stringify(value));
    },
  };
}

/** True when the string is an expression or holds an `@{...}` interpolation. */
export function isTemplateString(text: string): boolean {
  return isExpressionString(text);
}

/** Syntax-checks one template string. Returns a message when it does not parse, otherwise undefined. */
export function checkTemplateSyntax(_text: string): string | undefined {
  return undefined;
}

/** Names of actions that a template string reads (`body('x')`, `actions('x')`, `result('x')`, ...). */
export function referencedActionNames(_text: string): string[] {
  return [];
}

/** Whether an error thrown while evaluating came from the expression engine (a template error). */
export function isExpressionError(error: unknown): error is Error & { code: string } {
  return error instanceof ExpressionEngineUnavailableError;
}
