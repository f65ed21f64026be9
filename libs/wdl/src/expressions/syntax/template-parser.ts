import { WdlExpressionSyntaxError } from '../expression-errors.js';

/** One piece of a string with `@{...}` parts: literal text, or the text of one expression. */
export type TemplateSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly text: string; readonly offset: number };

/**
 * How a JSON string value of a definition is read:
 * - `literal`: no expression; `value` is the string with a leading `@@` turned into `@` and `@@{` into `@{`;
 * - `expression`: the whole value is `@expr`, and the result keeps its JSON type;
 * - `interpolation`: text with `@{expr}` parts; the result is always a string.
 */
export type ParsedTemplate =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'expression'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly segments: readonly TemplateSegment[] };

/**
 * Whether a JSON string value holds anything to evaluate (a leading `@`, or an `@{...}` part), including
 * attempts that will not compile such as an unterminated `@{`: those must go to the compiler, which reports them.
 */
export function isExpressionString(value: string): boolean {
  if (value.indexOf('@') === -1) return false;
  try {
    return parseTemplate(value).kind !== 'literal';
  } catch {
    return true;
  }
}

/**
 * Splits a JSON string value into its literal text and expressions, following the Logic Apps rules:
 * a leading `@` makes the whole value an expression, `@@` at the start escapes it, `@{...}` anywhere
 * interpolates, `@@{` keeps the braces as text, and any other `@` is literal.
 *
 * @param strict when false, an unterminated `@{` is read as text instead of raising an error.
 * @throws WdlExpressionSyntaxError for an unterminated `@{` (when strict).
 */
export function parseTemplate(value: string, strict = true): ParsedTemplate {
  if (value.indexOf('@') === -1) return { kind: 'literal', value };
  if (value.charCodeAt(0) === 64 /* @ */) {
    const second = value.charCodeAt(1);
    if (second === 64) return textMode(value, 2, '@', strict);
    if (second !== 123 /* { */) return { kind: 'expression', text: value.slice(1) };
  }
  return textMode(value, 0, '', strict);
}

function textMode(value: string, from: number, prefix: string, strict: boolean): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  let text = prefix;
  let i = from;
  const length = value.length;
  while (i < length) {
    const at = value.indexOf('@', i);
    if (at === -1) {
      text += value.slice(i);
      break;
    }
    text += value.slice(i, at);
    const next = value.charCodeAt(at + 1);
    if (next === 64 && value.charCodeAt(at + 2) === 123) {
      // `@@{` is the escape for a literal `@{`.
      text += '@{';
      i = at + 3;
      continue;
    }
    if (next !== 123) {
      text += '@';
      i = at + 1;
      continue;
    }
    const close = findClosingBrace(value, at + 2);
    if (close === -1) {
      if (strict) {
        throw new WdlExpressionSyntaxError(
          'InvalidExpression',
          value,
          at,
          "'}' to close '@{'",
          'the interpolation is not terminated',
        );
      }
      text += value.slice(at);
      break;
    }
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
    segments.push({ kind: 'expression', text: value.slice(at + 2, close), offset: at + 2 });
    i = close + 1;
  }
  if (segments.length === 0) return { kind: 'literal', value: text };
  if (text !== '') segments.push({ kind: 'text', text });
  return { kind: 'interpolation', segments };
}

/** Index of the `}` that ends an interpolation, skipping braces inside single-quoted string literals. */
function findClosingBrace(value: string, from: number): number {
  let inString = false;
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 39 /* ' */) inString = !inString;
    else if (c === 125 /* } */ && !inString) return i;
  }
  return -1;
}
