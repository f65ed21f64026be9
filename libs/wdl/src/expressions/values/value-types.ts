/**
 * Runtime values are plain JSON values (null, boolean, number, string, array, object). Binary content and XML
 * travel as Logic Apps content envelopes (`{"$content-type": ..., "$content": <base64>}`), which are plain
 * objects too, so every value can be stored in run history and passed between actions unchanged.
 */
export type JsonObject = { [key: string]: unknown };

/** Logic Apps type names, as they appear in error messages ("The provided value is of type 'Integer'"). */
export type WdlTypeName = 'Null' | 'Boolean' | 'Integer' | 'Float' | 'String' | 'Array' | 'Object';

export function typeName(value: unknown): WdlTypeName {
  if (value === null || value === undefined) return 'Null';
  switch (typeof value) {
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(value) ? 'Integer' : 'Float';
    case 'string':
      return 'String';
    default:
      return Array.isArray(value) ? 'Array' : 'Object';
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property read: never walks the prototype chain (`constructor`, `__proto__` are not properties of JSON). */
export function ownProperty(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets an own, enumerable property, even for keys such as `__proto__`. */
export function defineProperty(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Shallow copy that keeps every own key, including `__proto__`. */
export function copyObject(object: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const key of Object.keys(object)) defineProperty(copy, key, object[key]);
  return copy;
}
