import { WdlEvaluationError } from '../expression-errors.js';
import { isObject, ownProperty, typeName, type JsonObject } from '../values/value-types.js';

/**
 * `value.name`, `value['name']` and their null-safe forms `?.name`, `?['name']`.
 * Without `?`, selecting from null or a missing property is an error, as in Logic Apps; with `?`, both give null.
 * Lookup is exact first, then case-insensitive, then a `a/b` path (the form Power Automate's designer writes).
 */
export function selectProperty(value: unknown, name: string, nullSafe: boolean): unknown {
  if (isObject(value)) {
    const found = findProperty(value, name);
    if (found !== undefined) return found;
    if (Object.hasOwn(value, name)) return null;
    if (nullSafe) return null;
    throw new WdlEvaluationError(
      'PropertyNotFound',
      `The property '${name}' doesn't exist, available properties are '${Object.keys(value).join(', ')}'.`,
    );
  }
  if (value === null || value === undefined) {
    if (nullSafe) return null;
    throw new WdlEvaluationError(
      'PropertySelectionNotSupported',
      `The property '${name}' cannot be selected. Property selection is not supported on values of type 'Null'.`,
    );
  }
  throw new WdlEvaluationError(
    'PropertySelectionNotSupported',
    `The property '${name}' cannot be selected. Property selection is not supported on values of type '${typeName(value)}'.`,
  );
}

/** `value[index]` with an integer index: array elements; out of range is an error unless null-safe. */
export function selectIndex(value: unknown, index: unknown, nullSafe: boolean): unknown {
  if (typeof index === 'string') return selectProperty(value, index, nullSafe);
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw new WdlEvaluationError(
      'InvalidArgumentType',
      `The index value of type '${typeName(index)}' cannot be used: array elements can only be selected using an integer index and properties using a string.`,
    );
  }
  if (Array.isArray(value)) {
    if (index >= 0 && index < value.length) {
      const element: unknown = value[index];
      return element === undefined ? null : element;
    }
    if (nullSafe) return null;
    throw new WdlEvaluationError(
      'IndexOutOfRange',
      `The array index '${index}' is outside bounds (0, ${value.length - 1}) of array.`,
    );
  }
  if (value === null || value === undefined) {
    if (nullSafe) return null;
    throw new WdlEvaluationError(
      'PropertySelectionNotSupported',
      `The array index '${index}' cannot be selected. Selection is not supported on values of type 'Null'.`,
    );
  }
  if (isObject(value)) return selectProperty(value, String(index), nullSafe);
  throw new WdlEvaluationError(
    'PropertySelectionNotSupported',
    `The array index '${index}' cannot be selected. Selection is not supported on values of type '${typeName(value)}'.`,
  );
}

function findProperty(object: JsonObject, name: string): unknown {
  const exact = ownProperty(object, name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return object[key];
  }
  if (name.includes('/')) {
    let current: unknown = object;
    for (const part of name.split('/')) {
      if (!isObject(current)) return undefined;
      current = findProperty(current, part);
      if (current === undefined) return undefined;
    }
    return current;
  }
  return undefined;
}
