import {
  argArray,
  argInteger,
  argNumber,
  functionError,
  typeError,
  valueError,
} from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';

/** Integer arithmetic unless an argument is a float, by its form (`5.0`) or by its value (`5.5`). */
function usesFloat(site: CallSite, a: number, b: number): boolean {
  return site.floatArgs || !Number.isInteger(a) || !Number.isInteger(b);
}

function divisor(args: readonly unknown[], site: CallSite): number {
  const value = argNumber(args, 1, site);
  if (value === 0) throw functionError(site, 'DivideByZero', 'cannot divide by zero.', 1);
  return value;
}

function extreme(args: readonly unknown[], site: CallSite, pick: (a: number, b: number) => number): number {
  const values = args.length === 1 && Array.isArray(args[0]) ? argArray(args, 0, site) : args;
  if (values.length === 0) throw valueError(site, 0, 'The array must not be empty.');
  let result: number | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number')
      throw typeError(
        site,
        values === args ? i : 0,
        values === args ? 'an integer or a decimal number' : 'an array of numbers',
        value,
      );
    result = result === undefined ? value : pick(result, value);
  }
  return result as number;
}

export const MAX_RANGE_COUNT = 100_000;
const INT32_MAX = 2_147_483_647;

export const MATH_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('add', 2, 2, (args, _ctx, site) => argNumber(args, 0, site) + argNumber(args, 1, site), {
    floatResult: 'ifFloatArgs',
  }),
  fn('sub', 2, 2, (args, _ctx, site) => argNumber(args, 0, site) - argNumber(args, 1, site), {
    floatResult: 'ifFloatArgs',
  }),
  fn('mul', 2, 2, (args, _ctx, site) => argNumber(args, 0, site) * argNumber(args, 1, site), {
    floatResult: 'ifFloatArgs',
  }),
  fn(
    'div',
    2,
    2,
    (args, _ctx, site) => {
      const dividend = argNumber(args, 0, site);
      const by = divisor(args, site);
      return usesFloat(site, dividend, by) ? dividend / by : Math.trunc(dividend / by);
    },
    { floatResult: 'ifFloatArgs' },
  ),
  // The remainder takes the sign of the dividend, which is what `%` does in both .NET and JavaScript.
  fn('mod', 2, 2, (args, _ctx, site) => argNumber(args, 0, site) % divisor(args, site), {
    floatResult: 'ifFloatArgs',
  }),
  fn('max', 1, Infinity, (args, _ctx, site) => extreme(args, site, Math.max), { floatResult: 'ifFloatArgs' }),
  fn('min', 1, Infinity, (args, _ctx, site) => extreme(args, site, Math.min), { floatResult: 'ifFloatArgs' }),
  fn(
    'rand',
    2,
    2,
    (args, ctx, site) => {
      const min = argInteger(args, 0, site);
      const max = argInteger(args, 1, site);
      if (min > max)
        throw valueError(
          site,
          0,
          `The minimum value '${min}' must not be greater than the maximum value '${max}'.`,
        );
      return min + Math.floor(ctx.random() * (max - min));
    },
    { purity: 'volatile' },
  ),
  fn('range', 2, 2, (args, _ctx, site) => {
    const start = argInteger(args, 0, site);
    const count = argInteger(args, 1, site);
    if (count < 0 || count > MAX_RANGE_COUNT)
      throw valueError(site, 1, `The count '${count}' must be between 0 and ${MAX_RANGE_COUNT}.`);
    if (start + count > INT32_MAX)
      throw valueError(site, 1, `The sum of the start index and the count must not exceed ${INT32_MAX}.`);
    const result = new Array<number>(count);
    for (let i = 0; i < count; i++) result[i] = start + i;
    return result;
  }),
];
