import type { EvaluationContext } from '../evaluation-context.js';
import {
  addDecimals,
  decimalFromNumber,
  divideDecimals,
  multiplyDecimals,
  parseExactDecimal,
  remainderDecimals,
  subtractDecimals,
  type ExactDecimal,
} from '../dotnet/exact-decimal.js';
import { argString, functionError, typeError, valueError } from './argument-checks.js';
import type { CallSite } from './function-definition.js';

export type DecimalEvaluator = (ctx: EvaluationContext) => ExactDecimal;

/** What the compiler needs of an argument: its normal closure, and its exact-decimal closure if it has one. */
export interface DecimalOperand {
  readonly evaluate: (ctx: EvaluationContext) => unknown;
  readonly decimal?: DecimalEvaluator;
}

type DecimalOperation = (a: ExactDecimal, b: ExactDecimal) => ExactDecimal | undefined;

const OPERATIONS: Readonly<Record<string, DecimalOperation>> = {
  add: addDecimals,
  sub: subtractDecimals,
  mul: multiplyDecimals,
  div: divideDecimals,
  mod: remainderDecimals,
};

/**
 * `decimal()` results keep .NET decimal precision through `add`, `sub`, `mul`, `div` and `mod`, so that
 * `string()` and interpolation print every digit (the expression reference's decimal examples). The compiler
 * gives such calls a second closure computing the exact value; everything else sees doubles.
 */
export function decimalEvaluator(
  name: string,
  args: readonly DecimalOperand[],
  site: CallSite,
): DecimalEvaluator | undefined {
  if (name === 'decimal') {
    const source = args[0];
    if (source === undefined) return undefined;
    return (ctx) => {
      const value = source.evaluate(ctx);
      if (typeof value === 'number') return fromNumber(value, site, 0);
      const text = argString([value], 0, site);
      const parsed = parseExactDecimal(text);
      if (parsed === undefined)
        throw valueError(site, 0, `The value '${text}' cannot be converted to the target type 'Decimal'.`);
      return parsed;
    };
  }
  const operation = OPERATIONS[name];
  const [left, right] = args;
  if (
    operation === undefined ||
    left === undefined ||
    right === undefined ||
    (left.decimal === undefined && right.decimal === undefined)
  )
    return undefined;
  const a = operand(left, site, 0);
  const b = operand(right, site, 1);
  return (ctx) => {
    const x = a(ctx);
    const y = b(ctx);
    const result = operation(x, y);
    if (result !== undefined) return result;
    if (y.coefficient === 0n && (name === 'div' || name === 'mod'))
      throw functionError(site, 'DivideByZero', 'cannot divide by zero.', 1);
    throw functionError(site, 'InvalidArgumentValue', 'result is outside the range of the decimal type.');
  };
}

function operand(node: DecimalOperand, site: CallSite, index: number): DecimalEvaluator {
  if (node.decimal !== undefined) return node.decimal;
  const evaluate = node.evaluate;
  return (ctx) => {
    const value = evaluate(ctx);
    if (typeof value !== 'number') throw typeError(site, index, 'an integer or a decimal number', value);
    return fromNumber(value, site, index);
  };
}

function fromNumber(value: number, site: CallSite, index: number): ExactDecimal {
  const result = decimalFromNumber(value);
  if (result === undefined)
    throw valueError(site, index, `The value '${value}' cannot be converted to the target type 'Decimal'.`);
  return result;
}
