/**
 * Trigger-time expressions, evaluated before a run exists: `splitOn` (one run per array item) and
 * trigger `conditions`. Only `trigger()`/`triggerBody()`/`triggerOutputs()`, `parameters()` and the
 * clock are available there.
 */
import type { EvaluationContext } from '../expressions/index.js';
import type { WorkflowDefinition } from '../definition/index.js';
import { compileTemplate, isExpressionError } from '../definition/expression-port.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import type { TriggerResult } from './run-state.js';
import { resolveParameters } from './parameter-values.js';
import { deterministicGuid, deterministicRandom } from './deterministic-source.js';

export interface TriggerEvaluationOptions {
  /** The injected clock (ISO 8601). */
  now: string;
  parameters?: Record<string, unknown>;
  /** Seed for `guid()`/`rand()` in trigger expressions. */
  seed?: string;
  callbackUrl?: string;
}

class TriggerContext implements EvaluationContext {
  private counter = 0;
  constructor(
    private readonly triggerResult: TriggerResult,
    private readonly parameters: Record<string, unknown>,
    private readonly options: TriggerEvaluationOptions,
  ) {}
  parameter(name: string): unknown {
    return this.parameters[name];
  }
  variable(): unknown {
    return undefined;
  }
  trigger(): unknown {
    return this.triggerResult;
  }
  action(): unknown {
    return undefined;
  }
  item(): unknown {
    return undefined;
  }
  items(): unknown {
    return undefined;
  }
  iterationIndex(): number | undefined {
    return undefined;
  }
  workflow(): unknown {
    return undefined;
  }
  result(): unknown[] | undefined {
    return undefined;
  }
  callbackUrl(): string | undefined {
    return this.options.callbackUrl;
  }
  now(): Date {
    return new Date(this.options.now);
  }
  newGuid(): string {
    this.counter += 1;
    return deterministicGuid(this.options.seed ?? this.options.now, this.counter);
  }
  random(): number {
    this.counter += 1;
    return deterministicRandom(this.options.seed ?? this.options.now, this.counter);
  }
}

function triggerOf(
  definition: WorkflowDefinition,
  triggerName: string,
): NonNullable<WorkflowDefinition['triggers']>[string] {
  const trigger = definition.triggers?.[triggerName];
  if (trigger === undefined)
    throw new WdlInterpreterError(
      'InvalidStartOptions',
      `The definition has no trigger named '${triggerName}'.`,
    );
  return trigger;
}

function evaluate(value: unknown, ctx: EvaluationContext, what: string): unknown {
  try {
    return compileTemplate(value).evaluate(ctx);
  } catch (error) {
    if (isExpressionError(error))
      throw new WdlInterpreterError(
        'InvalidStartOptions',
        `The trigger ${what} could not be evaluated: ${error.message}`,
      );
    throw error;
  }
}

/**
 * Debatching: with `splitOn`, one trigger result per item of the array it selects, each with that item
 * as `body`; without it, the result itself. Throws `WdlInterpreterError` when splitOn is not an array.
 */
export function splitTriggerResult(
  definition: WorkflowDefinition,
  triggerName: string,
  result: TriggerResult,
  options: TriggerEvaluationOptions,
): TriggerResult[] {
  const trigger = triggerOf(definition, triggerName);
  if (trigger.splitOn === undefined) return [result];
  const { values } = resolveParameters(definition, options.parameters);
  const items = evaluate(trigger.splitOn, new TriggerContext(result, values, options), 'splitOn');
  if (!Array.isArray(items))
    throw new WdlInterpreterError(
      'InvalidStartOptions',
      `The splitOn expression of trigger '${triggerName}' did not produce an array.`,
    );
  return (items as unknown[]).map((item) => ({
    ...result,
    outputs: { ...(result.outputs ?? {}), body: item },
  }));
}

/** Whether every trigger condition holds (a trigger without conditions always fires). */
export function triggerConditionsMet(
  definition: WorkflowDefinition,
  triggerName: string,
  result: TriggerResult,
  options: TriggerEvaluationOptions,
): boolean {
  const trigger = triggerOf(definition, triggerName);
  const { values } = resolveParameters(definition, options.parameters);
  const ctx = new TriggerContext(result, values, options);
  return (trigger.conditions ?? []).every(
    (condition) => evaluate(condition.expression, ctx, 'condition') === true,
  );
}
