import { WdlEvaluationError } from '../expression-errors.js';
import {
  argArray,
  argCollection,
  argInteger,
  argString,
  functionError,
  typeError,
  valueError,
} from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';
import { equalityKey, valuesEqual } from '../values/value-equality.js';
import { toTemplateString } from '../values/value-text.js';
import { copyObject, defineProperty, isObject, typeName, type JsonObject } from '../values/value-types.js';
import { MAX_STRING_RESULT } from './string-functions.js';

export const COLLECTION_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('chunk', 2, 2, (args, _ctx, site) => {
    const collection = argCollection(args, 0, site);
    const size = argInteger(args, 1, site);
    if (size <= 0) throw valueError(site, 1, `The chunk length '${size}' must be a positive integer.`);
    const chunks: unknown[] = [];
    for (let i = 0; i < collection.length; i += size) chunks.push(collection.slice(i, i + size));
    return chunks;
  }),
  fn('contains', 2, 2, (args, _ctx, site) => {
    const collection = args[0];
    const value = args[1];
    if (typeof collection === 'string') return collection.includes(argString(args, 1, site));
    if (Array.isArray(collection)) return collection.some((item) => valuesEqual(item, value));
    if (isObject(collection)) return typeof value === 'string' && Object.hasOwn(collection, value);
    throw typeError(site, 0, 'an array, an object or a string', collection);
  }),
  fn('empty', 1, 1, (args, _ctx, site) => {
    const value = args[0];
    if (value === null || value === undefined) return true;
    if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
    if (isObject(value)) return Object.keys(value).length === 0;
    throw typeError(site, 0, 'an array, an object or a string', value, true);
  }),
  fn('first', 1, 1, (args, _ctx, site) => {
    const collection = argCollection(args, 0, site);
    return collection.length === 0 ? null : collection[0];
  }),
  fn('last', 1, 1, (args, _ctx, site) => {
    const collection = argCollection(args, 0, site);
    return collection.length === 0 ? null : collection[collection.length - 1];
  }),
  fn('length', 1, 1, (args, _ctx, site) => argCollection(args, 0, site).length),
  fn('intersection', 1, Infinity, (args, _ctx, site) => {
    if (args.every(Array.isArray)) {
      const [firstArray = [], ...others] = args as unknown[][];
      const keySets = others.map((other) => new Set(other.map(equalityKey)));
      return distinct(firstArray).filter((item) => {
        const key = equalityKey(item);
        return keySets.every((keys) => keys.has(key));
      });
    }
    const objects = objectsOnly(args, site);
    const result: JsonObject = {};
    const [firstObject, ...others] = objects;
    for (const key of Object.keys(firstObject ?? {})) {
      if (others.every((other) => Object.hasOwn(other, key))) {
        defineProperty(result, key, (objects[objects.length - 1] as JsonObject)[key]);
      }
    }
    return result;
  }),
  fn('union', 1, Infinity, (args, _ctx, site) => {
    if (args.every(Array.isArray)) return distinct((args as unknown[][]).flat());
    const result: JsonObject = {};
    for (const object of objectsOnly(args, site))
      for (const key of Object.keys(object)) defineProperty(result, key, object[key]);
    return result;
  }),
  fn('join', 2, 2, (args, _ctx, site) => {
    const array = argArray(args, 0, site);
    const delimiter = argString(args, 1, site);
    let result = '';
    for (let i = 0; i < array.length; i++) {
      if (i > 0) result += delimiter;
      result += toTemplateString(array[i]);
      if (result.length > MAX_STRING_RESULT)
        throw functionError(
          site,
          'ResultTooLarge',
          `result exceeds the limit of ${MAX_STRING_RESULT} characters.`,
        );
    }
    return result;
  }),
  fn('reverse', 1, 1, (args, _ctx, site) => [...argArray(args, 0, site)].reverse()),
  fn('skip', 2, 2, (args, _ctx, site) =>
    argCollection(args, 0, site).slice(Math.max(argInteger(args, 1, site), 0)),
  ),
  fn('take', 2, 2, (args, _ctx, site) =>
    argCollection(args, 0, site).slice(0, Math.max(argInteger(args, 1, site), 0)),
  ),
  fn('sort', 1, 2, (args, _ctx, site) => {
    const array = argArray(args, 0, site);
    if (args[1] === undefined || args[1] === null)
      return [...array].sort((a, b) => compareSortKeys(a, b, site));
    const key = argString(args, 1, site);
    const keyOf = (item: unknown): unknown => {
      if (!isObject(item)) throw typeError(site, 0, 'an array of objects when a sort key is given', item);
      return Object.hasOwn(item, key) ? item[key] : null;
    };
    return [...array].sort((a, b) => compareSortKeys(keyOf(a), keyOf(b), site));
  }),
];

/** Order for `sort`: numbers numerically, strings ordinally, booleans false first; null sorts first. */
function compareSortKeys(a: unknown, b: unknown, site: CallSite): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new WdlEvaluationError(
    'InvalidArgumentType',
    `The template language function '${site.name}' cannot compare values of type '${typeName(a)}' and '${typeName(b)}'; items must be integers, floats, strings or booleans of one type.`,
    { functionName: site.name, argumentIndex: 0 },
  );
}

/** Items without repeats, first occurrence kept; linear thanks to equality keys. */
function distinct(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const result: unknown[] = [];
  for (const item of items) {
    const key = equalityKey(item);
    if (!seen.has(key)) {
      seen.add(key);
      result.push(item);
    }
  }
  return result;
}

function objectsOnly(args: readonly unknown[], site: CallSite): JsonObject[] {
  return args.map((arg, index) => {
    if (isObject(arg)) return copyObject(arg);
    throw typeError(site, index, Array.isArray(args[0]) ? 'an array' : 'an object', arg);
  });
}
