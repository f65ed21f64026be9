import type { Culture } from './cultures.js';
import type { DateTimeValue } from './date-time-value.js';
import { tokenizeDateFormat } from './date-format-tokens.js';
import { build, expandYear } from './date-time-parse.js';

/**
 * Exact parsing against a .NET custom format (or a standard format letter), like `DateTime.ParseExact`.
 */
export function parseExactTimestamp(
  text: string,
  format: string,
  culture: Culture,
  expand: (letter: string) => string | undefined,
): DateTimeValue | undefined {
  const pattern = format.length === 1 ? expand(format) : format;
  if (pattern === undefined) return undefined;
  const tokens = tokenizeDateFormat(pattern);
  if (typeof tokens === 'string') return undefined;
  let pos = 0;
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = '';
  let meridiem: 'am' | 'pm' | undefined;
  let zone: string | undefined;
  const readDigits = (min: number, max: number): number | undefined => {
    let end = pos;
    while (
      end < text.length &&
      end - pos < max &&
      (text[end] as string) >= '0' &&
      (text[end] as string) <= '9'
    )
      end++;
    if (end - pos < min) return undefined;
    const value = Number(text.slice(pos, end));
    pos = end;
    return value;
  };
  const readName = (names: readonly string[]): number | undefined => {
    let best = -1;
    let bestLength = 0;
    names.forEach((name, index) => {
      if (
        name.length > bestLength &&
        text.slice(pos, pos + name.length).toLowerCase() === name.toLowerCase()
      ) {
        best = index;
        bestLength = name.length;
      }
    });
    if (best === -1) return undefined;
    pos += bestLength;
    return best;
  };
  for (const token of tokens) {
    if (token.kind === 'literal' || token.kind === 'dateSeparator' || token.kind === 'timeSeparator') {
      const literal =
        token.kind === 'literal'
          ? token.text
          : token.kind === 'dateSeparator'
            ? culture.dateSeparator
            : culture.timeSeparator;
      if (literal.trim() === '' && /\s/.test(text[pos] ?? '')) {
        while (/\s/.test(text[pos] ?? '')) pos++;
        continue;
      }
      if (text.slice(pos, pos + literal.length) !== literal) return undefined;
      pos += literal.length;
      continue;
    }
    const n = token.count;
    let value: number | undefined;
    switch (token.letter) {
      case 'y':
        value = readDigits(n <= 2 ? 1 : n, n <= 2 ? 2 : Math.max(n, 4));
        if (value === undefined) return undefined;
        year = n <= 2 ? expandYear(String(value).padStart(2, '0')) : value;
        break;
      case 'M':
        value =
          n <= 2
            ? readDigits(n, 2)
            : readName(
                n === 3
                  ? [...culture.abbreviatedMonthNames, ...culture.abbreviatedMonthGenitiveNames]
                  : [...culture.monthNames, ...culture.monthGenitiveNames],
              );
        if (value === undefined) return undefined;
        month = n <= 2 ? value : (value % 12) + 1;
        break;
      case 'd':
        if (n <= 2) {
          value = readDigits(n, 2);
          if (value === undefined) return undefined;
          day = value;
        } else if (readName(n === 3 ? culture.abbreviatedDayNames : culture.dayNames) === undefined) {
          return undefined;
        }
        break;
      case 'h':
      case 'H':
        value = readDigits(n, 2);
        if (value === undefined) return undefined;
        hour = value;
        break;
      case 'm':
        value = readDigits(n, 2);
        if (value === undefined) return undefined;
        minute = value;
        break;
      case 's':
        value = readDigits(n, 2);
        if (value === undefined) return undefined;
        second = value;
        break;
      case 'f':
      case 'F': {
        const start = pos;
        if (readDigits(token.letter === 'f' ? n : 0, n) === undefined) return undefined;
        fraction = text.slice(start, pos);
        break;
      }
      case 't': {
        const designators = [culture.am, culture.pm].map((d) => (n === 1 ? d.slice(0, 1) : d));
        const index = readName(designators);
        if (index === undefined) return undefined;
        meridiem = index === 0 ? 'am' : 'pm';
        break;
      }
      case 'K':
      case 'z': {
        const match = /^(Z|[+-]\d{1,2}(?::?\d{2})?)/i.exec(text.slice(pos));
        if (match === null) {
          if (token.letter === 'K') break;
          return undefined;
        }
        zone = match[1];
        pos += match[0].length;
        break;
      }
      case 'g':
        if (readName(['A.D.', 'AD', 'B.C.', 'BC']) === undefined) return undefined;
        break;
    }
  }
  if (pos !== text.length) return undefined;
  if (meridiem !== undefined) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  return build(year, month, day, hour, minute, second, fraction, zone);
}
