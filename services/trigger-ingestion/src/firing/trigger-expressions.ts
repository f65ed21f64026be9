import type { TriggerSpec } from '@patchbay/contracts';
import {
  compileTemplate,
  createStaticEvaluationContext,
  splitTriggerResult,
  WdlEvaluationError,
  WdlExpressionSyntaxError,
  triggerConditionsMet,
  WdlInterpreterError,
  type TriggerResult,
  type WorkflowDefinition,
} from '@patchbay/wdl';

/** A trigger expression could not be evaluated (splitOn not an array, condition failing to evaluate). */
export class TriggerExpressionError extends Error {}

/** The one-trigger definition the WDL trigger evaluators need (they read only the trigger itself). */
function definitionOf(spec: TriggerSpec): WorkflowDefinition {
  const trigger: Record<string, unknown> = { type: spec.type };
  if (spec.splitOn !== undefined) trigger.splitOn = spec.splitOn;
  if (spec.conditions !== undefined) trigger.conditions = spec.conditions;
  return { triggers: { [spec.name]: trigger }, actions: {} } as unknown as WorkflowDefinition;
}

function rethrow(error: unknown): never {
  if (error instanceof WdlInterpreterError) throw new TriggerExpressionError(error.message);
  throw error;
}

/** With `splitOn`, one result per item of the selected array; without it, the result itself. */
export function splitResult(spec: TriggerSpec, result: TriggerResult, now: string): TriggerResult[] {
  try {
    return splitTriggerResult(definitionOf(spec), spec.name, result, { now, parameters: spec.parameters });
  } catch (error) {
    rethrow(error);
  }
}

/** Whether every condition of the trigger holds for this result. */
export function conditionsMet(spec: TriggerSpec, result: TriggerResult, now: string): boolean {
  if (spec.conditions === undefined || spec.conditions.length === 0) return true;
  try {
    return triggerConditionsMet(definitionOf(spec), spec.name, result, { now, parameters: spec.parameters });
  } catch (error) {
    rethrow(error);
  }
}

/**
 * The trigger with the expressions of its `recurrence` evaluated (`"interval": "@parameters('every')"`), once,
 * when the workflow version is registered: a recurrence does not change between firings. `problem` says why it
 * could not be evaluated (the trigger is then invalid, like a recurrence that does not parse).
 */
export function withEvaluatedRecurrence(spec: TriggerSpec): { spec: TriggerSpec; problem?: string } {
  if (spec.recurrence === undefined) return { spec };
  try {
    const template = compileTemplate(spec.recurrence);
    if (template.expressions.length === 0) return { spec };
    const recurrence = template.evaluate(
      createStaticEvaluationContext({ parameters: spec.parameters ?? {} }),
    );
    return { spec: { ...spec, recurrence } };
  } catch (error) {
    if (error instanceof WdlEvaluationError || error instanceof WdlExpressionSyntaxError)
      return { spec, problem: `recurrence: ${error.message}` };
    throw error;
  }
}
