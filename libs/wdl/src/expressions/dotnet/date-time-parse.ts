import type { Culture } from './cultures.js';
import { inRange, isValidFields, msFromFields, type DateTimeValue } from './date-time-value.js';

/** ISO 8601: `yyyy-MM-dd`, optionally `THH:mm[:ss[.fraction]]` and `Z` or an offset. One linear regular expression. */
const ISO_8601 =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Lenient timestamp parsing in the spirit of .NET `DateTime.Parse` with a culture: ISO 8601, numeric dates in
 * the culture's day/month/year order, month names (full or abbreviated, the culture's or English), day
 * names (ignored), 12-hour clocks with AM/PM, `Z`/`GMT`/`UTC` and numeric offsets. Inputs with an offset are
 * converted to UTC.
 */
export function parseTimestamp(text: string, culture: Culture, english: Culture): DateTimeValue | undefined {
  const trimmed = text.trim();
  const iso = ISO_8601.exec(trimmed);
  if (iso !== null) return fromIso(iso);
  return parseLoose(trimmed, culture, english);
}

function fromIso(match: RegExpExecArray): DateTimeValue | undefined {
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  return build(
    Number(y),
    Number(mo),
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    fraction ?? '',
    zone,
  );
}

export function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string,
  zone: string | undefined,
): DateTimeValue | undefined {
  // 24:00:00 is not a .NET time of day.
  if (!isValidFields(year, month, day, hour, minute, second)) return undefined;
  const ticks = Number(fraction.slice(0, 7).padEnd(7, '0'));
  let ms = msFromFields(year, month, day, hour, minute, second) + Math.floor(ticks / 10_000);
  const subTicks = ticks % 10_000;
  let kind: DateTimeValue['kind'] = 'unspecified';
  if (zone !== undefined) {
    kind = 'utc';
    const offset = parseOffset(zone);
    if (offset === undefined) return undefined;
    ms -= offset * 60_000;
  }
  return inRange(ms) ? { ms, subTicks, kind } : undefined;
}

/** Minutes east of UTC for `Z`, `GMT`, `UTC`, `+hh`, `+hh:mm`, `+hhmm`. */
function parseOffset(zone: string): number | undefined {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'GMT' || upper === 'UTC') return 0;
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (match === null) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

type LooseToken =
  { kind: 'number'; text: string } | { kind: 'word'; text: string } | { kind: 'sep'; text: string };

const FILLER_WORDS = new Set([
  'de',
  'del',
  'of',
  'the',
  'den',
  'le',
  'el',
  'la',
  'г',
  'г.',
  'at',
  'à',
  'um',
  'a',
  'o',
]);

function tokenizeLoose(text: string): LooseToken[] {
  const tokens: LooseToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < text.length && (text[j] as string) >= '0' && (text[j] as string) <= '9') j++;
      tokens.push({ kind: 'number', text: text.slice(i, j) });
      i = j;
    } else if (/\p{L}/u.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\p{L}.]/u.test(text[j] as string)) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ kind: 'sep', text: c });
      i++;
    }
  }
  return tokens;
}

function parseLoose(text: string, culture: Culture, english: Culture): DateTimeValue | undefined {
  if (text.length > 200) return undefined;
  const tokens = tokenizeLoose(text);
  const dateNumbers: string[] = [];
  let month: number | undefined;
  let hour: number | undefined;
  let minute = 0;
  let second = 0;
  let fraction = '';
  let meridiem: 'am' | 'pm' | undefined;
  let zone: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as LooseToken;
    const next = tokens[i + 1];
    if (token.kind === 'number' && next?.kind === 'sep' && next.text === ':' && hour === undefined) {
      // A time: h:mm[:ss[.fffffff]]
      hour = Number(token.text);
      const m = tokens[i + 2];
      if (m?.kind !== 'number') return undefined;
      minute = Number(m.text);
      i += 2;
      if (tokens[i + 1]?.text === ':' && tokens[i + 2]?.kind === 'number') {
        second = Number(tokens[i + 2]?.text);
        i += 2;
        if (
          (tokens[i + 1]?.text === '.' || tokens[i + 1]?.text === ',') &&
          tokens[i + 2]?.kind === 'number'
        ) {
          fraction = tokens[i + 2]?.text ?? '';
          i += 2;
        }
      }
      continue;
    }
    if (
      token.kind === 'sep' &&
      (token.text === '+' || token.text === '-') &&
      hour !== undefined &&
      next?.kind === 'number'
    ) {
      // An offset after the time: +hh[:mm] or +hhmm.
      let offset = `${token.text}${next.text}`;
      i++;
      if (tokens[i + 1]?.text === ':' && tokens[i + 2]?.kind === 'number') {
        offset += `:${tokens[i + 2]?.text ?? ''}`;
        i += 2;
      }
      zone = offset;
      continue;
    }
    if (token.kind === 'number') {
      dateNumbers.push(token.text);
      continue;
    }
    if (token.kind === 'sep') continue;
    const word = token.text.toLowerCase().replace(/\.$/, '');
    const designator = matchDesignator(word, culture, english);
    if (designator !== undefined) {
      meridiem = designator;
      continue;
    }
    if (word === 'z' || word === 'gmt' || word === 'utc') {
      zone = 'Z';
      continue;
    }
    if (word === 't') continue;
    const monthNumber = matchMonth(word, culture) ?? matchMonth(word, english);
    if (monthNumber !== undefined && month === undefined) {
      month = monthNumber;
      continue;
    }
    if (isDayName(word, culture) || isDayName(word, english) || FILLER_WORDS.has(word)) continue;
    return undefined;
  }
  const date = assignDate(dateNumbers, month, culture);
  if (date === undefined) return undefined;
  let h = hour ?? 0;
  if (meridiem !== undefined) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return build(date.year, date.month, date.day, h, minute, second, fraction, zone);
}

function assignDate(
  numbers: readonly string[],
  monthFromName: number | undefined,
  culture: Culture,
): { year: number; month: number; day: number } | undefined {
  if (monthFromName !== undefined) {
    if (numbers.length !== 2) return undefined;
    const [a = '', b = ''] = numbers;
    const aIsYear = a.length > 2 || Number(a) > 31;
    const year = expandYear(aIsYear ? a : b);
    const day = Number(aIsYear ? b : a);
    return { year, month: monthFromName, day };
  }
  if (numbers.length !== 3) return undefined;
  const [a = '', b = '', c = ''] = numbers;
  if (a.length >= 3) return { year: Number(a), month: Number(b), day: Number(c) };
  const order = dateOrder(culture.shortDate);
  const byRole: Record<string, string> = {};
  order.forEach((role, index) => (byRole[role] = numbers[index] ?? ''));
  return {
    year: expandYear(byRole['y'] ?? c),
    month: Number(byRole['M'] ?? a),
    day: Number(byRole['d'] ?? b),
  };
}

/** The order of day, month and year in a short date pattern, e.g. `M/d/yyyy` gives M, d, y. */
function dateOrder(pattern: string): string[] {
  const order: string[] = [];
  for (const c of pattern) if ((c === 'd' || c === 'M' || c === 'y') && !order.includes(c)) order.push(c);
  return order.length === 3 ? order : ['M', 'd', 'y'];
}

/** Two-digit years as .NET reads them (Gregorian TwoDigitYearMax 2049). */
export function expandYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year <= 49 ? 2000 + year : 1900 + year;
}

function matchDesignator(word: string, culture: Culture, english: Culture): 'am' | 'pm' | undefined {
  for (const c of [culture, english]) {
    if (c.am !== '' && word === c.am.toLowerCase().replace(/\.$/, '')) return 'am';
    if (c.pm !== '' && word === c.pm.toLowerCase().replace(/\.$/, '')) return 'pm';
  }
  return undefined;
}

function matchMonth(word: string, culture: Culture): number | undefined {
  const lists = [
    culture.monthNames,
    culture.monthGenitiveNames,
    culture.abbreviatedMonthNames,
    culture.abbreviatedMonthGenitiveNames,
  ];
  for (const list of lists) {
    const index = list.findIndex((name) => name.toLowerCase().replace(/\.$/, '') === word);
    if (index !== -1) return index + 1;
  }
  return undefined;
}

function isDayName(word: string, culture: Culture): boolean {
  return [...culture.dayNames, ...culture.abbreviatedDayNames].some(
    (name) => name.toLowerCase().replace(/\.$/, '') === word,
  );
}
