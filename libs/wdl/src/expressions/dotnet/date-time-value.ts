/**
 * A .NET `DateTime` as the date functions see it: the wall-clock time as milliseconds since 1970 read with
 * UTC field accessors, 100 ns ticks below the millisecond, and a kind. `utc` prints with `Z`; `unspecified`
 * (no offset in the input) prints without a suffix. Inputs with an offset are converted to UTC when parsed.
 */
export interface DateTimeValue {
  readonly ms: number;
  /** 0..9999: the 100 ns ticks inside the millisecond. */
  readonly subTicks: number;
  readonly kind: 'utc' | 'unspecified';
}

export const MS_PER_DAY = 86_400_000;
/** 0001-01-01T00:00:00 and 9999-12-31T23:59:59.999, the .NET DateTime range. */
export const MIN_MS = -62_135_596_800_000;
export const MAX_MS = 253_402_300_799_999;
/** .NET ticks at 1970-01-01. */
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

export interface DateFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** Milliseconds for calendar fields; years below 100 are taken literally (unlike `Date.UTC`). */
export function msFromFields(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

/** Calendar fields by arithmetic (days-from-civil inverted), which is faster than going through `Date`. */
export function fieldsOf(value: DateTimeValue): DateFields & { readonly dayOfWeek: number } {
  const days = Math.floor(value.ms / MS_PER_DAY);
  const msOfDay = value.ms - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    // 1970-01-01 was a Thursday (4).
    dayOfWeek: (((days + 4) % 7) + 7) % 7,
  };
}

export function isValidFields(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): boolean {
  return (
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

/** Total 100 ns units since 1970 (exact, as a bigint). */
export function unixTicks(value: DateTimeValue): bigint {
  return BigInt(value.ms) * 10_000n + BigInt(value.subTicks);
}

/** .NET `DateTime.Ticks`: 100 ns intervals since 0001-01-01. */
export function dotnetTicks(value: DateTimeValue): bigint {
  return UNIX_EPOCH_TICKS + unixTicks(value);
}

/** Adds a number of 100 ns ticks (may be fractional only at the tick level, which is rounded). */
export function addTicks(value: DateTimeValue, ticks: number): DateTimeValue | undefined {
  const total = unixTicks(value) + BigInt(Math.round(ticks));
  const ms = Number(total / 10_000n) - (total % 10_000n < 0n ? 1 : 0);
  const subTicks = Number(total - BigInt(ms) * 10_000n);
  return inRange(ms) ? { ms, subTicks, kind: value.kind } : undefined;
}

/** .NET `AddMonths`: the day is clamped to the length of the target month; the time of day is kept. */
export function addMonths(value: DateTimeValue, months: number): DateTimeValue | undefined {
  const f = fieldsOf(value);
  const monthIndex = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 1 || year > 9999) return undefined;
  const day = Math.min(f.day, daysInMonth(year, month));
  return {
    ms: msFromFields(year, month, day, f.hour, f.minute, f.second, f.millisecond),
    subTicks: value.subTicks,
    kind: value.kind,
  };
}
