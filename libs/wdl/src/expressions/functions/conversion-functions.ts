import { WdlEvaluationError } from '../expression-errors.js';
import { argString, typeError, valueError } from '../runtime/argument-checks.js';
import { fn, type FunctionDefinition } from '../runtime/function-definition.js';
import { defaultCulture } from '../dotnet/cultures.js';
import { parseDotnetDecimal, parseDotnetFloat, parseDotnetInteger } from '../dotnet/number-parse.js';
import { contentType, envelopeText, isContentEnvelope, isXmlContentType } from '../values/binary-content.js';
import { toTemplateString } from '../values/value-text.js';
import { xmlTextToJson } from '../xml/xml-to-json.js';
import { argCulture } from './date-arguments.js';

/** Banker's rounding, as .NET `Convert.ToInt64(double)`. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export const CONVERSION_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('array', 1, 1, (args) => [args[0]]),
  fn('createArray', 1, Infinity, (args) => [...args]),
  fn('bool', 1, 1, (args, _ctx, site) => {
    const value = args[0];
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    if (typeof value === 'string') {
      const text = value.trim().toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw valueError(site, 0, `The value '${value}' cannot be converted to a Boolean.`);
    }
    throw typeError(site, 0, 'a Boolean, a number or a string', value, true);
  }),
  fn('int', 1, 1, (args, _ctx, site) => {
    const value = args[0];
    if (typeof value === 'number') return Number.isInteger(value) ? value : roundHalfEven(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string') {
      const parsed = parseDotnetInteger(value);
      if (parsed === undefined)
        throw valueError(site, 0, `The value '${value}' cannot be converted to the target type 'Integer'.`);
      return parsed;
    }
    throw typeError(site, 0, 'a string or a number', value, true);
  }),
  fn(
    'float',
    1,
    2,
    (args, _ctx, site) => {
      const value = args[0];
      if (typeof value === 'number') return value;
      const text = argString(args, 0, site);
      const parsed = parseDotnetFloat(text, argCulture(args, 1, site));
      if (parsed === undefined)
        throw valueError(site, 0, `The value '${text}' cannot be converted to the target type 'Float'.`);
      return parsed;
    },
    { floatResult: 'always' },
  ),
  // The compiler routes decimal() through exact .NET decimal arithmetic (runtime/decimal-compilation.ts);
  // this double-valued implementation is the definition's plain form.
  fn(
    'decimal',
    1,
    1,
    (args, _ctx, site) => {
      const value = args[0];
      if (typeof value === 'number') return value;
      const text = argString(args, 0, site);
      const parsed = parseDotnetDecimal(text);
      if (parsed === undefined)
        throw valueError(site, 0, `The value '${text}' cannot be converted to the target type 'Decimal'.`);
      return parsed;
    },
    { floatResult: 'always' },
  ),
  fn(
    'isFloat',
    1,
    2,
    (args, _ctx, site) =>
      parseDotnetFloat(
        argString(args, 0, site),
        args[1] === undefined ? defaultCulture() : argCulture(args, 1, site),
      ) !== undefined,
  ),
  fn('isInt', 1, 1, (args, _ctx, site) => parseDotnetInteger(argString(args, 0, site)) !== undefined),
  fn('string', 1, 1, (args) => toTemplateString(args[0])),
  fn('json', 1, 1, (args, _ctx, site) => {
    const value = args[0];
    // The reference: "If the string is null, the function returns an empty object."
    if (value === null || value === undefined) return {};
    if (isContentEnvelope(value)) {
      const text = envelopeText(value);
      return isXmlContentType(contentType(value)) ? xmlTextToJson(text, site) : parseJson(text, site);
    }
    if (typeof value !== 'string') return value;
    const trimmed = value.trimStart();
    if (trimmed.startsWith('<')) return xmlTextToJson(value, site);
    return parseJson(value, site);
  }),
];

function parseJson(text: string, site: { name: string }): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WdlEvaluationError(
      'InvalidJson',
      `The template language function '${site.name}' parameter is not valid. The provided value '${text.length > 100 ? `${text.slice(0, 100)}...` : text}' cannot be parsed: ${error instanceof Error ? error.message : 'invalid JSON'}.`,
      { functionName: site.name, argumentIndex: 0 },
    );
  }
}
