/**
 * Applies body-rewriting policy templates to a JSON body (a copy: the caller's value is never changed).
 * `parent` selects an object, or a collection whose object elements are each treated alike; `sub` picks the
 * value inside it (empty: the parent itself); the result is written at `target` (`@item()...` and relative
 * paths from the element, `@body()...` from the body's root). A parent or value that is missing or of another
 * type is left alone, as the gateway does.
 */
import type { BodyPath, BodyTransform, GeneratedOperation } from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';

type Json = unknown;

function get(from: Json, segments: readonly string[]): Json {
  let node = from;
  for (const segment of segments) {
    if (!isObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function set(into: Json, segments: readonly string[], value: Json): void {
  if (!isObject(into) || segments.length === 0) return;
  let node: Record<string, unknown> = into;
  segments.slice(0, -1).forEach((segment) => {
    if (!isObject(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  });
  node[segments[segments.length - 1] as string] = value;
}

/** The objects a template works on: the parent object, or each object element of the parent collection. */
function contexts(body: Json, parent: BodyPath): Record<string, unknown>[] {
  const selected = get(body, parent.segments);
  if (Array.isArray(selected)) return selected.filter(isObject);
  return isObject(selected) ? [selected] : [];
}

/**
 * Writes at `target`. A target with no segments replaces what it names: the body (`@body()`), or the converted
 * value itself where it was read (relative, with an empty `sub`). Returns the body (replaced or not).
 */
function write(
  body: Json,
  element: Json,
  t: { parent: BodyPath; sub: BodyPath; target: BodyPath },
  value: Json,
): Json {
  const { target } = t;
  if (target.segments.length > 0) {
    set(target.root === 'body' ? body : element, target.segments, value);
    return body;
  }
  if (target.root === 'body') return value;
  if (t.sub.segments.length > 0) {
    set(element, t.sub.segments, value);
    return body;
  }
  if (t.parent.segments.length === 0) return value;
  set(body, t.parent.segments, value);
  return body;
}

/** `{@body().a} text` -> the referenced values as text; a template that is one reference keeps its type. */
function templateValue(template: string, body: Json): Json {
  const whole = /^\{\s*(@body\(\)[^{}]*)\}$/.exec(template.trim());
  const resolve = (expression: string): Json => {
    const path = /^@body\(\)((?:\.[^.[\]{}]+|\['[^']*'\])*)$/.exec(expression.trim());
    if (path === null) return undefined;
    const segments = [...(path[1] ?? '').matchAll(/\.([^.[\]{}]+)|\['([^']*)'\]/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    return get(body, segments);
  };
  if (whole !== null) return resolve(whole[1] as string);
  return template.replace(/\{\s*(@body\(\)[^{}]*)\}/g, (_all, expression: string) => {
    const found = resolve(expression);
    if (found === undefined || found === null) return '';
    return typeof found === 'string' ? found : JSON.stringify(found);
  });
}

/**
 * The sources a template reads: with an empty `sub`, the parent value itself (once); else `sub` inside each
 * context object.
 */
function sources(
  body: Json,
  t: Exclude<BodyTransform, { kind: 'setProperty' }>,
): { element: Json; value: Json }[] {
  if (t.sub.segments.length === 0)
    return [{ element: get(body, t.parent.segments), value: get(body, t.parent.segments) }];
  return contexts(body, t.parent).map((element) => ({ element, value: get(element, t.sub.segments) }));
}

function convert(t: Exclude<BodyTransform, { kind: 'setProperty' }>, value: Json): Json {
  switch (t.kind) {
    case 'stringReplace':
      return typeof value === 'string' ? value.split(t.find).join(t.replace) : undefined;
    case 'encodeValue':
      return typeof value === 'string' ? encodeURIComponent(value) : undefined;
    case 'objectToArray':
      return isObject(value)
        ? Object.entries(value).map(([key, inner]) => ({ [t.keyName]: key, [t.valueName]: inner }))
        : undefined;
    case 'arrayToObject': {
      if (!Array.isArray(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const item of value) {
        const key = get(item, t.key.segments);
        if (!isObject(item) || key === undefined || key === null) continue;
        const copy = structuredClone(item);
        if (!t.retainKey) removeAt(copy, t.key.segments);
        out[typeof key === 'string' ? key : JSON.stringify(key)] = copy;
      }
      return out;
    }
    case 'stringToArray': {
      if (typeof value !== 'string') return undefined;
      const parts = [...t.delimiters].reduce<string[]>((all, d) => all.flatMap((p) => p.split(d)), [value]);
      return parts
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .map((p) => ({ [t.childName]: p }));
    }
  }
}

function removeAt(into: Record<string, unknown>, segments: readonly string[]): void {
  const parent = get(into, segments.slice(0, -1));
  if (isObject(parent)) delete parent[segments[segments.length - 1] as string];
}

/** One template applied to `body` (already a private copy); returns the body (replaced when the target is it). */
export function applyBodyTransform(body: Json, t: BodyTransform): Json {
  if (t.kind === 'setProperty') {
    const value = templateValue(t.value, body);
    for (const element of contexts(body, t.parent)) set(element, t.sub.segments, value);
    return body;
  }
  let out = body;
  for (const { element, value } of sources(body, t)) {
    const converted = convert(t, value);
    if (converted !== undefined) out = write(out, element, t, converted);
  }
  return out;
}

/** The body after the operation's templates of `section`, in order; the input is not changed. */
export function applyBodyTransforms(
  operation: GeneratedOperation,
  section: 'request' | 'response',
  body: Json,
): Json {
  const transforms = operation.bodyTransforms.filter((b) => b.section === section);
  if (transforms.length === 0 || body === undefined || body === null || typeof body !== 'object') return body;
  if ('$content' in body) return body; // a file envelope is not JSON to rewrite
  return transforms.reduce<Json>(
    (current, { transform }) => applyBodyTransform(current, transform),
    structuredClone(body),
  );
}
