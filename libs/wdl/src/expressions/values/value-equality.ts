import { isObject } from './value-types.js';

/**
 * Logic Apps equivalence, as used by `equals()`, `contains()`, `union()`...: numbers by value, strings
 * case-sensitively, arrays in order, objects by their keys regardless of order, and a Boolean equal to
 * the integer 1 or 0 (the expression reference states that `equals(true, 1)` is true).
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) return b === null;
  if (b === undefined) return a === null;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'boolean' && tb === 'number') return (a ? 1 : 0) === b;
  if (ta === 'number' && tb === 'boolean') return a === (b ? 1 : 0);
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !valuesEqual(a[key], b[key])) return false;
  }
  return true;
}

/**
 * A string that is equal for two values exactly when `valuesEqual` holds (numbers by value, Booleans as 1/0,
 * object keys in sorted order), so that collections can be de-duplicated in linear time.
 */
export function equalityKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'n1' : 'n0';
    case 'number':
      return `n${value}`;
    case 'string':
      return `s${value}`;
    default:
      if (Array.isArray(value)) return `[${value.map(equalityKey).join(',')}]`;
      if (isObject(value)) {
        return `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${equalityKey(value[key])}`)
          .join(',')}}`;
      }
      return typeof value;
  }
}
