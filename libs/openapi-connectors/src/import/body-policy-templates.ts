/**
 * Policy templates that rewrite JSON bodies (`setproperty`, `stringreplace`, `encodepropertyvalue`,
 * `convertobjecttoarray`, `convertarraytoobject`, `stringtoarray`): their parameters read into `BodyTransform`s
 * the executor applies (execute/body-transforms.ts). A template whose paths cannot be read is not applied.
 */
import type { BodyPath, BodyTransform } from '../model/imported-connector.js';

/** The body-rewriting template ids this module reads. */
export const BODY_TEMPLATE_IDS = new Set([
  'setproperty',
  'stringreplace',
  'encodepropertyvalue',
  'convertobjecttoarray',
  'convertarraytoobject',
  'stringtoarray',
]);

const ROOT = /^@?(body|item)(?:\(\))?/;
const SEGMENT = /^(?:\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])/;

/**
 * `@body().a['b.c']` -> `{ root: 'body', segments: ['a', 'b.c'] }`; `a.b` -> relative; empty or `null` ->
 * relative with no segment (the parent itself). Undefined when the text is not such a path.
 */
export function parseBodyPath(text: unknown): BodyPath | undefined {
  if (text === undefined || text === null) return { root: 'relative', segments: [] };
  if (typeof text !== 'string') return undefined;
  let rest = text.trim();
  if (rest === '' || rest === 'null') return { root: 'relative', segments: [] };
  let root: BodyPath['root'] = 'relative';
  const head = ROOT.exec(rest);
  if (head !== null && (rest.length === head[0].length || /^[.[]/.test(rest.slice(head[0].length)))) {
    root = head[1] as 'body' | 'item';
    rest = rest.slice(head[0].length);
  } else if (!rest.startsWith('[')) {
    rest = `.${rest}`;
  }
  const segments: string[] = [];
  while (rest !== '') {
    const match = SEGMENT.exec(rest);
    if (match === null) return undefined;
    segments.push((match[1] ?? match[2] ?? match[3] ?? '').trim());
    rest = rest.slice(match[0].length);
  }
  return { root, segments };
}

/** Reads one body template; undefined when a parameter it needs is missing or unreadable. */
export function bodyTransformOf(id: string, value: (name: string) => unknown): BodyTransform | undefined {
  const text = (name: string): string | undefined => {
    const v = value(name);
    return typeof v === 'string' ? v : undefined;
  };
  if (id === 'setproperty') {
    const parent = parseBodyPath(text('newPropertyParentPathTemplate'));
    const sub = parseBodyPath(text('newPropertySubPathTemplate'));
    const v = value('propertyValuePathTemplate');
    if (parent === undefined || sub === undefined || sub.segments.length === 0) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    return { kind: 'setProperty', parent, sub, value: String(v) };
  }
  const parent = parseBodyPath(text('propertyParentPath'));
  const sub = parseBodyPath(value('propertySubPath'));
  if (parent === undefined || sub === undefined) return undefined;
  const rawTarget = value('newPropertyPath');
  const target =
    rawTarget === undefined || rawTarget === ''
      ? { root: 'relative' as const, segments: sub.segments }
      : parseBodyPath(rawTarget);
  if (target === undefined) return undefined;
  switch (id) {
    case 'stringreplace': {
      const find = text('sourceString');
      const replace = text('replacementString') ?? '';
      return find === undefined || find === ''
        ? undefined
        : { kind: 'stringReplace', parent, sub, target, find, replace };
    }
    case 'encodepropertyvalue':
      return { kind: 'encodeValue', parent, sub, target };
    case 'convertobjecttoarray': {
      const keyName = text('keyName');
      const valueName = text('valueName');
      return keyName === undefined || valueName === undefined
        ? undefined
        : { kind: 'objectToArray', parent, sub, target, keyName, valueName };
    }
    case 'convertarraytoobject': {
      const key = parseBodyPath(text('keyWithinCollectionPath'));
      if (key === undefined || key.segments.length === 0) return undefined;
      const retain = value('retainKey');
      const retainKey = !(
        retain === false ||
        (typeof retain === 'string' && retain.trim().toLowerCase() === 'false')
      );
      return { kind: 'arrayToObject', parent, sub, target, key, retainKey };
    }
    case 'stringtoarray': {
      const delimiters = text('delimiterList');
      const childName = text('childPropertyName');
      return delimiters === undefined || delimiters === '' || childName === undefined || childName === ''
        ? undefined
        : { kind: 'stringToArray', parent, sub, target, delimiters, childName };
    }
    default:
      return undefined;
  }
}
