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
