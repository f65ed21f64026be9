import { argInteger, argString, functionError, optString, valueError } from '../runtime/argument-checks.js';
import { fn, type FunctionDefinition } from '../runtime/function-definition.js';
import { toTemplateString } from '../values/value-text.js';
import { formatGuid } from './guid-format.js';
import { indexOfIgnoreCase, lastIndexOfIgnoreCase, matchesAt, prepareSearch } from './string-search.js';

/**
 * .NET's invariant casing maps one character to one character ('ß' stays 'ß' in upper case), where
 * JavaScript applies special casing ('ß' becomes 'SS'). Characters whose mapping changes the length stay.
 */
function mapCase(text: string, upper: boolean): string {
  const mapped = upper ? text.toUpperCase() : text.toLowerCase();
  if (mapped.length === text.length) return mapped;
  let out = '';
  for (const char of text) {
    const one = upper ? char.toUpperCase() : char.toLowerCase();
    out += one.length === char.length ? one : char;
  }
  return out;
}

/** Longest string `concat` and `join` may build (expression reference). */
export const MAX_STRING_RESULT = 104_857_600;

export const STRING_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('concat', 1, Infinity, (args, _ctx, site) => {
    let result = '';
    for (const arg of args) {
      result += toTemplateString(arg);
      if (result.length > MAX_STRING_RESULT)
        throw functionError(
          site,
          'ResultTooLarge',
          `result exceeds the limit of ${MAX_STRING_RESULT} characters.`,
        );
    }
    return result;
  }),
  fn('endsWith', 2, 2, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const search = argString(args, 1, site);
    return search.length <= text.length && matchesAt(text, search, text.length - search.length);
  }),
  fn('startsWith', 2, 2, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    return matchesAt(text, argString(args, 1, site), 0);
  }),
  fn('guid', 0, 1, (args, ctx, site) => formatGuid(ctx.newGuid(), optString(args, 0, site) ?? 'D', site), {
    purity: 'volatile',
  }),
  fn('indexOf', 2, 2, (args, _ctx, site) =>
    indexOfIgnoreCase(argString(args, 0, site), argString(args, 1, site)),
  ),
  fn('lastIndexOf', 2, 2, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const search = argString(args, 1, site);
    // Documented edge cases: empty text gives -1 unless the search is empty too (0); an empty search gives length - 1.
    if (text === '') return search === '' ? 0 : -1;
    if (search === '') return text.length - 1;
    return lastIndexOfIgnoreCase(text, search);
  }),
  fn('nthIndexOf', 3, 3, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const search = argString(args, 1, site);
    const occurrence = argInteger(args, 2, site);
    if (occurrence === 0 || search === '') return -1;
    const finder = prepareSearch(text, search);
    let found = -1;
    if (occurrence > 0) {
      let from = 0;
      for (let n = 0; n < occurrence; n++) {
        found = finder.indexOf(from);
        if (found === -1) return -1;
        from = found + 1;
      }
    } else {
      let from = text.length;
      for (let n = 0; n < -occurrence; n++) {
        found = finder.lastIndexOf(from);
        if (found === -1) return -1;
        from = found - 1;
        if (from < 0 && n + 1 < -occurrence) return -1;
      }
    }
    return found;
  }),
  fn('replace', 3, 3, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const oldText = argString(args, 1, site);
    if (oldText === '') throw valueError(site, 1, 'The text to replace cannot be empty.');
    const result = text.split(oldText).join(argString(args, 2, site));
    if (result.length > MAX_STRING_RESULT)
      throw functionError(
        site,
        'ResultTooLarge',
        `result exceeds the limit of ${MAX_STRING_RESULT} characters.`,
      );
    return result;
  }),
  fn('slice', 2, 3, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const start = argInteger(args, 1, site);
    const end = args[2] === undefined || args[2] === null ? text.length : argInteger(args, 2, site);
    const from = start < 0 ? Math.max(text.length + start, 0) : Math.min(start, text.length);
    const to = end < 0 ? Math.max(text.length + end, 0) : Math.min(end, text.length);
    return from >= to ? '' : text.slice(from, to);
  }),
  fn('split', 2, 2, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const delimiter = argString(args, 1, site);
    return delimiter === '' ? [text] : text.split(delimiter);
  }),
  fn('substring', 2, 3, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const start = argInteger(args, 1, site);
    if (start < 0 || start > text.length) {
      throw valueError(
        site,
        1,
        `The start index '${start}' must be between 0 and the length of the string (${text.length}).`,
        'IndexOutOfRange',
      );
    }
    if (args[2] === undefined || args[2] === null) return text.slice(start);
    const length = argInteger(args, 2, site);
    if (length < 0 || start + length > text.length) {
      throw valueError(
        site,
        2,
        `The start index '${start}' plus the length '${length}' must not be greater than the length of the string (${text.length}).`,
        'IndexOutOfRange',
      );
    }
    return text.slice(start, start + length);
  }),
  fn('toLower', 1, 1, (args, _ctx, site) => mapCase(argString(args, 0, site), false)),
  fn('toUpper', 1, 1, (args, _ctx, site) => mapCase(argString(args, 0, site), true)),
  fn('trim', 1, 1, (args, _ctx, site) => argString(args, 0, site).trim()),
];
