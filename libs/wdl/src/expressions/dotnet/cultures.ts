import { CULTURE_DATA, REGION_CURRENCY } from './culture-data.js';
import type { CultureOverrides } from './culture-overrides.js';

/** The parts of a .NET `CultureInfo` that formatting and parsing use. */
export interface Culture {
  readonly name: string;
  readonly decimal: string;
  readonly group: string;
  readonly negativeSign: string;
  readonly percentSymbol: string;
  readonly perMilleSymbol: string;
  /** What separates the number from the percent sign (`''` in en-US, a no-break space in fr-FR). */
  readonly percentSpacing: string;
  readonly currencySymbol: string;
  readonly currencyDigits: number;
  readonly currencyPositive: number;
  readonly currencyNegative: number;
  readonly shortDate: string;
  readonly longDate: string;
  readonly shortTime: string;
  readonly longTime: string;
  readonly monthDay: string;
  readonly yearMonth: string;
  readonly am: string;
  readonly pm: string;
  readonly dateSeparator: string;
  readonly timeSeparator: string;
  /** January first; nominative forms (as a month stands alone). */
  readonly monthNames: readonly string[];
  /** Forms used next to a day number (differ from `monthNames` in Slavic languages, for example). */
  readonly monthGenitiveNames: readonly string[];
  readonly abbreviatedMonthNames: readonly string[];
  readonly abbreviatedMonthGenitiveNames: readonly string[];
  /** Sunday first. */
  readonly dayNames: readonly string[];
  readonly abbreviatedDayNames: readonly string[];
}

/** Logic Apps' default culture for formatting and parsing. */
export const DEFAULT_LOCALE = 'en-US';

const cache = new Map<string, Culture | null>();

/**
 * The culture for an RFC 4646 / BCP 47 tag (case-insensitive), or `undefined` when the tag is malformed or
 * unknown to this runtime's ICU data. Results are cached.
 */
export function findCulture(locale: string): Culture | undefined {
  const key = locale.trim().toLowerCase();
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const culture = buildCulture(key);
  if (cache.size > 500) cache.clear();
  cache.set(key, culture ?? null);
  return culture;
}

let defaultCultureValue: Culture | undefined;

export function defaultCulture(): Culture {
  defaultCultureValue ??= findCulture(DEFAULT_LOCALE) as Culture;
  return defaultCultureValue;
}

function buildCulture(key: string): Culture | undefined {
  let canonical: string;
  try {
    const [first] = Intl.getCanonicalLocales(key === '' || key === 'invariant' ? 'en-US' : key);
    if (first === undefined || Intl.DateTimeFormat.supportedLocalesOf([first]).length === 0) return undefined;
    canonical = first;
  } catch {
    return undefined;
  }
  const overrides = CULTURE_DATA[canonical.toLowerCase()] ?? deriveOverrides(canonical);
  const names = monthAndDayNames(canonical);
  return {
    name: canonical,
    ...overrides,
    negativeSign: '-',
    percentSymbol: '%',
    perMilleSymbol: '‰',
    percentSpacing: percentSpacing(canonical),
    dateSeparator: separatorIn(overrides.shortDate, '/'),
    timeSeparator: separatorIn(overrides.longTime, ':'),
    ...names,
  };
}

function percentSpacing(locale: string): string {
  const parts = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(0.5);
  const index = parts.findIndex((part) => part.type === 'percentSign');
  const before = parts[index - 1];
  return index > 0 && before?.type === 'literal' ? before.value.replace(/[\u202f]/g, '\u00a0') : '';
}

function separatorIn(pattern: string, fallback: string): string {
  const match = /[^A-Za-z'\s]/.exec(pattern);
  return match?.[0] ?? fallback;
}

function monthAndDayNames(
  locale: string,
): Pick<
  Culture,
  | 'monthNames'
  | 'monthGenitiveNames'
  | 'abbreviatedMonthNames'
  | 'abbreviatedMonthGenitiveNames'
  | 'dayNames'
  | 'abbreviatedDayNames'
> {
  const standalone = (month: 'long' | 'short'): string[] => {
    const format = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
    return range(12).map((m) => clean(format.format(Date.UTC(2001, m, 1))));
  };
  const genitive = (month: 'long' | 'short'): string[] => {
    const format = new Intl.DateTimeFormat(locale, { month, day: 'numeric', timeZone: 'UTC' });
    return range(12).map((m) =>
      clean(format.formatToParts(Date.UTC(2001, m, 1)).find((part) => part.type === 'month')?.value ?? ''),
    );
  };
  const days = (weekday: 'long' | 'short'): string[] => {
    const format = new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' });
    // 2001-01-07 was a Sunday.
    return range(7).map((d) => clean(format.format(Date.UTC(2001, 0, 7 + d))));
  };
  return {
    monthNames: standalone('long'),
    monthGenitiveNames: genitive('long'),
    abbreviatedMonthNames: standalone('short'),
    abbreviatedMonthGenitiveNames: genitive('short'),
    dayNames: days('long'),
    abbreviatedDayNames: days('short'),
  };
}

/** Patterns and symbols for a culture missing from the table, read from Intl's formatting of sample values. */
function deriveOverrides(locale: string): CultureOverrides {
  const numberParts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const decimal = numberParts.find((part) => part.type === 'decimal')?.value ?? '.';
  const group = clean(numberParts.find((part) => part.type === 'group')?.value ?? ',');
  const region = new Intl.Locale(locale).maximize().region ?? 'US';
  const currency = REGION_CURRENCY[region];
  let currencySymbol = '¤';
  let currencyDigits = 2;
  let currencyPositive = 0;
  let currencyNegative = 1;
  if (currency !== undefined) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const parts = format.formatToParts(1);
    currencySymbol = parts.find((part) => part.type === 'currency')?.value ?? currency;
    currencyDigits = format.resolvedOptions().maximumFractionDigits ?? 2;
    const symbolFirst =
      parts.findIndex((part) => part.type === 'currency') <
      parts.findIndex((part) => part.type === 'integer');
    const spaced = parts.some((part) => part.type === 'literal' && part.value.trim() === '');
    currencyPositive = symbolFirst ? (spaced ? 2 : 0) : spaced ? 3 : 1;
    currencyNegative = symbolFirst ? (spaced ? 9 : 1) : spaced ? 8 : 5;
  }
  const sample = Date.UTC(2001, 0, 7, 15, 4, 5);
  const toPattern = (options: Intl.DateTimeFormatOptions): string =>
    partsToPattern(new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(sample));
  const periods = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
  const dayPeriod = (hour: number): string =>
    clean(
      periods.formatToParts(Date.UTC(2001, 0, 7, hour)).find((part) => part.type === 'dayPeriod')?.value ??
        '',
    );
  return {
    decimal,
    group,
    currencySymbol,
    currencyDigits,
    currencyPositive,
    currencyNegative,
    shortDate: toPattern({ year: 'numeric', month: 'numeric', day: 'numeric' }),
    longDate: toPattern({ dateStyle: 'full' }),
    shortTime: toPattern({ timeStyle: 'short' }),
    longTime: toPattern({ timeStyle: 'medium' }),
    monthDay: toPattern({ month: 'long', day: 'numeric' }),
    yearMonth: toPattern({ month: 'long', year: 'numeric' }),
    am: dayPeriod(9),
    pm: dayPeriod(15),
  };
}

function partsToPattern(parts: readonly Intl.DateTimeFormatPart[]): string {
  return parts
    .map((part) => {
      switch (part.type) {
        case 'year':
          return 'yyyy';
        case 'month':
          return /^\d+$/.test(part.value)
            ? part.value.length === 2
              ? 'MM'
              : 'M'
            : part.value.length <= 4
              ? 'MMM'
              : 'MMMM';
        case 'day':
          return part.value.length === 2 ? 'dd' : 'd';
        case 'weekday':
          return 'dddd';
        case 'hour':
          return part.value.length === 2 ? 'HH' : Number(part.value) > 12 ? 'H' : 'h';
        case 'minute':
          return 'mm';
        case 'second':
          return 'ss';
        case 'dayPeriod':
          return 'tt';
        case 'literal':
          return /^[\s.,:/-]*$/.test(part.value)
            ? clean(part.value)
            : `'${clean(part.value).replace(/'/g, '')}'`;
        default:
          return '';
      }
    })
    .join('');
}

/** ICU uses narrow no-break spaces in places where .NET on Windows uses plain spaces. */
function clean(text: string): string {
  return text.replace(/[\u202f\u2009]/g, ' ');
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
