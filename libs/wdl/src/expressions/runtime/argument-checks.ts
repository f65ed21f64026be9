import { WdlEvaluationError, type WdlEvaluationErrorCode } from '../expression-errors.js';
import { envelopeText, isContentEnvelope } from '../values/binary-content.js';
import { isObject, typeName, type JsonObject } from '../values/value-types.js';
import type { CallSite } from './function-definition.js';

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

/** "The template language function 'x' expects its first parameter to be a string. The provided value is of type 'Integer'." */
export function typeError(
  site: CallSite,
  index: number,
  expected: string,
  value: unknown,
  single = false,
): WdlEvaluationError {
  const which = single ? 'its parameter' : `its ${ordinal(index)} parameter`;
  return new WdlEvaluationError(
    'InvalidArgumentType',
    `The template language function '${site.name}' expects ${which} to be ${expected}. The provided value is of type '${typeName(value)}'.`,
    { functionName: site.name, argumentIndex: index },
  );
}

/** "The template language function 'x' was invoked with a parameter that is not valid. <detail>" */
export function valueError(
  site: CallSite,
  index: number | undefined,
  detail: string,
  code: WdlEvaluationErrorCode = 'InvalidArgumentValue',
): WdlEvaluationError {
  return new WdlEvaluationError(
    code,
    `The template language function '${site.name}' was invoked with a parameter that is not valid. ${detail}`,
    { functionName: site.name, argumentIndex: index },
  );
}

/** A failure that is about the function rather than one argument ("cannot divide by zero"). */
export function functionError(
  site: CallSite,
  code: WdlEvaluationErrorCode,
  detail: string,
  index?: number,
): WdlEvaluationError {
  return new WdlEvaluationError(code, `The template language function '${site.name}' ${detail}`, {
    functionName: site.name,
    argumentIndex: index,
  });
}

/** A string argument. Binary content is accepted as its decoded text (Logic Apps decodes implicitly). */
export function argString(args: readonly unknown[], index: number, site: CallSite): string {
  const value = args[index];
  if (typeof value === 'string') return value;
  if (isContentEnvelope(value)) return envelopeText(value);
  throw typeError(site, index, 'a string', value, args.length === 1);
}

/** An optional string argument: `undefined` when absent or null. */
export function optString(args: readonly unknown[], index: number, site: CallSite): string | undefined {
  const value = args[index];
  if (value === undefined || value === null) return undefined;
  return argString(args, index, site);
}

export function argInteger(args: readonly unknown[], index: number, site: CallSite): number {
  const value = args[index];
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw typeError(site, index, 'an integer', value, args.length === 1);
}

export function argNumber(args: readonly unknown[], index: number, site: CallSite): number {
  const value = args[index];
  if (typeof value === 'number') return value;
  throw typeError(site, index, 'an integer or a decimal number', value, args.length === 1);
}

export function argBoolean(args: readonly unknown[], index: number, site: CallSite): boolean {
  const value = args[index];
  if (typeof value === 'boolean') return value;
  throw typeError(site, index, 'a boolean', value, args.length === 1);
}

export function argArray(args: readonly unknown[], index: number, site: CallSite): readonly unknown[] {
  const value = args[index];
  if (Array.isArray(value)) return value;
  throw typeError(site, index, 'an array', value, args.length === 1);
}

export function argObject(args: readonly unknown[], index: number, site: CallSite): JsonObject {
  const value = args[index];
  if (isObject(value)) return value;
  throw typeError(site, index, 'an object', value, args.length === 1);
}

/** A string or an array (the "collection" functions). */
export function argCollection(
  args: readonly unknown[],
  index: number,
  site: CallSite,
): string | readonly unknown[] {
  const value = args[index];
  if (typeof value === 'string' || Array.isArray(value)) return value;
  throw typeError(site, index, 'an array or a string', value, args.length === 1);
}
