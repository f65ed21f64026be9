/**
 * Evaluating definition values inside an action: template errors become the action's failure
 * (`InvalidTemplate`), as in Logic Apps.
 */
import { compileTemplate, isExpressionError } from '../definition/expression-port.js';
import { ActionFailure } from './interpreter-errors.js';
import type { RunEvaluationContext } from './run-evaluation-context.js';
import type { RunSession } from './run-session.js';

function asFailure(error: unknown, actionName: string, part: string): ActionFailure {
  if (error instanceof ActionFailure) return error;
  if (isExpressionError(error)) {
    return new ActionFailure(
      'InvalidTemplate',
      `Unable to process template language expressions in action '${actionName}' ${part}: ${error.message}`,
    );
  }
  throw error;
}

/** Evaluates a definition value (with embedded expressions) for action `actionName`. */
export function evaluateValue(
  session: RunSession,
  value: unknown,
  ctx: RunEvaluationContext,
  actionName: string,
  part = 'inputs',
): unknown {
  let compiled;
  try {
    compiled = session.plan.template(value);
  } catch (error) {
    throw asFailure(error, actionName, part);
  }
  try {
    return compiled.evaluate(ctx);
  } catch (error) {
    throw asFailure(error, actionName, part);
  }
}

/** Evaluates generated expression text without caching it (the text changes with every operand). */
export function evaluateGeneratedExpression(
  text: string,
  ctx: RunEvaluationContext,
  actionName: string,
  part: string,
): unknown {
  try {
    return compileTemplate(text).evaluate(ctx);
  } catch (error) {
    throw asFailure(error, actionName, part);
  }
}
