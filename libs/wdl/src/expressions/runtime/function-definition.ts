import type { EvaluationContext } from '../evaluation-context.js';

/** What a function implementation knows about the call it serves, fixed when the expression is compiled. */
export interface CallSite {
  /** Canonical function name, for error messages. */
  readonly name: string;
  /**
   * True when an argument is a float by its form (a literal such as `5.0`, or the result of `float()` or of
   * float arithmetic). JSON numbers carry no int/float distinction at run time, so math functions take this
   * together with the run-time values to choose between integer and float arithmetic.
   */
  readonly floatArgs: boolean;
}

export type FunctionImplementation = (
  args: readonly unknown[],
  ctx: EvaluationContext,
  site: CallSite,
) => unknown;

/**
 * - `pure`: the result depends on the arguments only (such calls on literals are folded at compile time);
 * - `context`: reads the evaluation context (parameters, variables, actions, trigger, loops);
 * - `volatile`: reads the injected clock or random/id source.
 */
export type FunctionPurity = 'pure' | 'context' | 'volatile';

export interface FunctionDefinition {
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  readonly purity: FunctionPurity;
  /** How the result's int/float kind is known statically: always float, float when an argument is, or neither. */
  readonly floatResult?: 'always' | 'ifFloatArgs';
  readonly impl: FunctionImplementation;
}

/** Shorthand used by the function family files. */
export function fn(
  name: string,
  minArgs: number,
  maxArgs: number,
  impl: FunctionImplementation,
  options: { purity?: FunctionPurity; floatResult?: 'always' | 'ifFloatArgs' } = {},
): FunctionDefinition {
  return { name, minArgs, maxArgs, impl, purity: options.purity ?? 'pure', floatResult: options.floatResult };
}
