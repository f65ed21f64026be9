import { WdlEvaluationError } from '../expression-errors.js';
import { argBoolean } from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';
import { valuesEqual } from '../values/value-equality.js';
import { typeName } from '../values/value-types.js';

/** Logical comparisons read null as '' (expression reference, "Logical comparison functions"). */
function nullAsEmpty(value: unknown): unknown {
  return value === null || value === undefined ? '' : value;
}

function compare(args: readonly unknown[], site: CallSite): number {
  const a = nullAsEmpty(args[0]);
  const b = nullAsEmpty(args[1]);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new WdlEvaluationError(
    'InvalidArgumentType',
    `The template language function '${site.name}' expects two parameters of matching type: integers, floats or strings. The provided values are of type '${typeName(args[0])}' and '${typeName(args[1])}'.`,
    { functionName: site.name },
  );
}

export const LOGICAL_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('and', 1, Infinity, (args, _ctx, site) => {
    let result = true;
    for (let i = 0; i < args.length; i++) result = argBoolean(args, i, site) && result;
    return result;
  }),
  fn('or', 1, Infinity, (args, _ctx, site) => {
    let result = false;
    for (let i = 0; i < args.length; i++) result = argBoolean(args, i, site) || result;
    return result;
  }),
  fn('not', 1, 1, (args, _ctx, site) => !argBoolean(args, 0, site)),
  // Arguments are evaluated left to right before the choice, as in Logic Apps: both branches must evaluate.
  fn('if', 3, 3, (args, _ctx, site) => (argBoolean(args, 0, site) ? args[1] : args[2])),
  fn('equals', 2, 2, (args) => valuesEqual(nullAsEmpty(args[0]), nullAsEmpty(args[1]))),
  fn('greater', 2, 2, (args, _ctx, site) => compare(args, site) > 0),
  fn('greaterOrEquals', 2, 2, (args, _ctx, site) => compare(args, site) >= 0),
  fn('less', 2, 2, (args, _ctx, site) => compare(args, site) < 0),
  fn('lessOrEquals', 2, 2, (args, _ctx, site) => compare(args, site) <= 0),
];
