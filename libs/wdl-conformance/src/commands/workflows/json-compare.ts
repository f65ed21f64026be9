/**
 * Comparison rules of the acceptance cases: JSON equality (key order ignored, numbers by value) and
 * subset (every expected key present; nested objects compared as subsets, arrays and scalars by
 * equality). Each returns a description of the first difference, or undefined when they agree.
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

export function jsonDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    if (expected.length !== actual.length)
      return `${path}: expected ${expected.length} items ${show(expected)}, got ${actual.length} ${show(actual)}`;
    for (let i = 0; i < expected.length; i += 1) {
      const difference = jsonDifference(expected[i], actual[i], `${path}[${i}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    const expectedKeys = Object.keys(expected).sort();
    const actualKeys = Object.keys(actual).sort();
    if (expectedKeys.join('\u0000') !== actualKeys.join('\u0000')) {
      return `${path}: expected keys [${expectedKeys.join(', ')}], got [${actualKeys.join(', ')}]`;
    }
    for (const key of expectedKeys) {
      const difference = jsonDifference(expected[key], actual[key], `${path}.${key}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (typeof expected === 'number' && typeof actual === 'number')
    return expected === actual ? undefined : `${path}: expected ${expected}, got ${actual}`;
  return expected === actual ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

export function subsetDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (!isObject(expected)) return jsonDifference(expected, actual, path);
  if (!isObject(actual))
    return `${path}: expected an object containing ${show(expected)}, got ${show(actual)}`;
  for (const [key, value] of Object.entries(expected)) {
    if (!(key in actual)) return `${path}.${key}: missing`;
    const difference = subsetDifference(value, actual[key], `${path}.${key}`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

/** Parses a body as JSON; a body that is not JSON becomes the JSON string of its raw text. */
export function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
