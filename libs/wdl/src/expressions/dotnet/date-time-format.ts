import type { Culture } from './cultures.js';
import { fieldsOf, type DateTimeValue } from './date-time-value.js';
import { tokenizeDateFormat, type DateFormatToken } from './date-format-tokens.js';

/** The .NET round-trip pattern behind `o`: `yyyy-MM-ddTHH:mm:ss.fffffffK`. */
export const ROUND_TRIP_FORMAT = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
const RFC1123_FORMAT = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
const SORTABLE_FORMAT = "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
const UNIVERSAL_SORTABLE_FORMAT = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";

/** Standard format letters and the pattern each stands for in a culture (`o`, `r`, `s`, `u` are culture-free). */
function standardPattern(letter: string, culture: Culture): string | undefined {
  switch (letter) {
    case 'd':
      return culture.shortDate;
    case 'D':
      return culture.longDate;
    case 'f':
      return `${culture.longDate} ${culture.shortTime}`;
    case 'F':
    case 'U':
      return `${culture.longDate} ${culture.longTime}`;
    case 'g':
      return `${culture.shortDate} ${culture.shortTime}`;
    case 'G':
      return `${culture.shortDate} ${culture.longTime}`;
    case 'm':
    case 'M':
      return culture.monthDay;
    case 'o':
    case 'O':
      return ROUND_TRIP_FORMAT;
    case 'r':
    case 'R':
      return RFC1123_FORMAT;
    case 's':
      return SORTABLE_FORMAT;
    case 't':
      return culture.shortTime;
    case 'T':
      return culture.longTime;
    case 'u':
      return UNIVERSAL_SORTABLE_FORMAT;
    case 'y':
    case 'Y':
      return culture.yearMonth;
    default:
      return undefined;
  }
}

/** Whether a format letter is culture-independent (`r` and friends always use invariant names). */
function isInvariantStandard(letter: string): boolean {
  return (
    letter === 'r' || letter === 'R' || letter === 'o' || letter === 'O' || letter === 's' || letter === 'u'
  );
}

/**
 * Formats like .NET `DateTime.ToString(format, culture)`: a one-letter format is a standard format, anything
 * longer a custom pattern. Returns an error text for formats .NET rejects.
 */
export function formatDateTime(
  value: DateTimeValue,
  format: string,
  culture: Culture,
  invariant: Culture,
): string | { error: string } {
  let pattern = format;
  let names = culture;
  if (format.length === 1) {
    const standard = standardPattern(format, culture);
    if (standard === undefined)
      return { error: `The format '${format}' is not a valid standard date and time format.` };
    pattern = standard;
    if (isInvariantStandard(format)) names = invariant;
  }
  const compiled = compiledPattern(pattern);
  if (typeof compiled === 'string') return { error: `The format '${format}' is not valid: ${compiled}.` };
  return renderTokens(value, compiled, names);
}

interface CompiledPattern {
  readonly tokens: readonly DateFormatToken[];
  /** A day number in the pattern selects the genitive month names (as .NET does). */
  readonly genitive: boolean;
}

const patternCache = new Map<string, CompiledPattern | string>();

/** Formats repeat across evaluations; tokenize each pattern once. */
function compiledPattern(pattern: string): CompiledPattern | string {
  let compiled = patternCache.get(pattern);
  if (compiled === undefined) {
    const tokens = tokenizeDateFormat(pattern);
    compiled =
      typeof tokens === 'string'
        ? tokens
        : {
            tokens,
            genitive: tokens.some(
              (token) => token.kind === 'field' && token.letter === 'd' && token.count <= 2,
            ),
          };
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

function renderTokens(
  value: DateTimeValue,
  pattern: CompiledPattern,
  culture: Culture,
): string | { error: string } {
  const f = fieldsOf(value);
  const genitive = pattern.genitive;
  let out = '';
  for (const token of pattern.tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    if (token.kind === 'dateSeparator') {
      out += culture.dateSeparator;
      continue;
    }
    if (token.kind === 'timeSeparator') {
      out += culture.timeSeparator;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case 'd':
        out +=
          n === 1
            ? String(f.day)
            : n === 2
              ? pad(f.day, 2)
              : n === 3
                ? culture.abbreviatedDayNames[f.dayOfWeek]
                : culture.dayNames[f.dayOfWeek];
        break;
      case 'f':
      case 'F': {
        if (n > 7)
          return { error: `The custom format '${token.letter.repeat(n)}' has more than 7 fraction digits.` };
        let digits = String(f.millisecond * 10_000 + value.subTicks)
          .padStart(7, '0')
          .slice(0, n);
        if (token.letter === 'F') {
          digits = digits.replace(/0+$/, '');
          // .NET drops a decimal point that would be left dangling before an empty `F` field.
          if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        }
        out += digits;
        break;
      }
      case 'g':
        out += f.year > 0 ? 'A.D.' : 'B.C.';
        break;
      case 'h': {
        const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
        out += n === 1 ? String(hour12) : pad(hour12, 2);
        break;
      }
      case 'H':
        out += n === 1 ? String(f.hour) : pad(f.hour, 2);
        break;
      case 'K':
        out += value.kind === 'utc' ? 'Z' : '';
        break;
      case 'm':
        out += n === 1 ? String(f.minute) : pad(f.minute, 2);
        break;
      case 'M':
        out +=
          n === 1
            ? String(f.month)
            : n === 2
              ? pad(f.month, 2)
              : n === 3
                ? (genitive ? culture.abbreviatedMonthGenitiveNames : culture.abbreviatedMonthNames)[
                    f.month - 1
                  ]
                : (genitive ? culture.monthGenitiveNames : culture.monthNames)[f.month - 1];
        break;
      case 's':
        out += n === 1 ? String(f.second) : pad(f.second, 2);
        break;
      case 't': {
        const designator = f.hour < 12 ? culture.am : culture.pm;
        out += n === 1 ? designator.slice(0, 1) : designator;
        break;
      }
      case 'y':
        out += n === 1 ? String(f.year % 100) : n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'z':
        // The machine running Logic Apps is on UTC, so local offsets print as zero.
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        break;
    }
  }
  return out;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
