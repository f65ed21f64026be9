/**
 * Tokens of a .NET custom date and time format string: runs of one pattern letter (`yyyy`, `MM`, `fff`...),
 * and literal text (quoted, backslash-escaped, or any other character). Shared by formatting and exact parsing.
 */
export type DateFormatToken =
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'dateSeparator' }
  | { readonly kind: 'timeSeparator' };

const FIELD_LETTERS = new Set(['d', 'f', 'F', 'g', 'h', 'H', 'K', 'm', 'M', 's', 't', 'y', 'z']);

/** Returns the tokens, or an error text when the pattern is malformed (unterminated quote, trailing `\`). */
export function tokenizeDateFormat(format: string): DateFormatToken[] | string {
  const tokens: DateFormatToken[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (FIELD_LETTERS.has(c)) {
      let j = i + 1;
      while (j < format.length && format[j] === c) j++;
      tokens.push({ kind: 'field', letter: c, count: j - i });
      i = j;
    } else if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      if (end === -1) return `the quoted text starting at position ${i} is not terminated`;
      tokens.push({ kind: 'literal', text: format.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '\\') {
      if (i + 1 >= format.length) return 'the format ends with an escape character';
      tokens.push({ kind: 'literal', text: format[i + 1] as string });
      i += 2;
    } else if (c === '%') {
      // `%d` is the custom specifier `d` on its own; `%` elsewhere is not valid.
      const next = format[i + 1];
      if (next === undefined || !FIELD_LETTERS.has(next))
        return `'%' at position ${i} is not followed by a format specifier`;
      tokens.push({ kind: 'field', letter: next, count: 1 });
      i += 2;
    } else if (c === '/') {
      tokens.push({ kind: 'dateSeparator' });
      i++;
    } else if (c === ':') {
      tokens.push({ kind: 'timeSeparator' });
      i++;
    } else {
      tokens.push({ kind: 'literal', text: c });
      i++;
    }
  }
  return tokens;
}
