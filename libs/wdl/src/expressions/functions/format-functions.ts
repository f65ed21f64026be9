import { argNumber, argString, valueError } from '../runtime/argument-checks.js';
import { fn, type FunctionDefinition } from '../runtime/function-definition.js';
import { formatNumber } from '../dotnet/number-format.js';
import { argCulture } from './date-arguments.js';

export const FORMAT_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('formatNumber', 2, 3, (args, _ctx, site) => {
    const value = argNumber(args, 0, site);
    const format = argString(args, 1, site);
    const result = formatNumber(
      value,
      format,
      argCulture(args, 2, site),
      !site.floatArgs && Number.isInteger(value),
    );
    if (typeof result !== 'string') throw valueError(site, 1, result.error, 'InvalidFormat');
    return result;
  }),
];
