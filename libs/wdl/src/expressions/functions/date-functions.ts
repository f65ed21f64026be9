import { argInteger, argNumber, argString, optString, valueError } from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';
import { defaultCulture } from '../dotnet/cultures.js';
import { parseTimestamp } from '../dotnet/date-time-parse.js';
import { parseExactTimestamp } from '../dotnet/date-time-parse-exact.js';
import {
  addMonths,
  addTicks,
  dotnetTicks,
  fieldsOf,
  msFromFields,
  unixTicks,
  type DateTimeValue,
} from '../dotnet/date-time-value.js';
import { formatTimeSpan } from '../dotnet/time-span-format.js';
import { utcToZone, zoneToUtc } from '../dotnet/time-zones.js';
import { argCulture, argTimestamp, argTimeZone, dateOutOfRange, formatResult } from './date-arguments.js';

const TICKS_PER_SECOND = 10_000_000;
const UNIT_TICKS: Readonly<Record<string, number>> = {
  second: TICKS_PER_SECOND,
  minute: 60 * TICKS_PER_SECOND,
  hour: 3600 * TICKS_PER_SECOND,
  day: 86_400 * TICKS_PER_SECOND,
  week: 7 * 86_400 * TICKS_PER_SECOND,
};

function shift(
  value: DateTimeValue,
  interval: number,
  unit: string,
  site: CallSite,
  unitIndex: number,
): DateTimeValue {
  const key = unit.toLowerCase().replace(/s$/, '');
  let result: DateTimeValue | undefined;
  if (key === 'month' || key === 'year') {
    if (!Number.isInteger(interval))
      throw valueError(
        site,
        unitIndex - 1,
        `The interval '${interval}' must be an integer for the unit '${unit}'.`,
      );
    result = addMonths(value, key === 'year' ? interval * 12 : interval);
  } else {
    const ticks = UNIT_TICKS[key];
    if (ticks === undefined)
      throw valueError(
        site,
        unitIndex,
        `The time unit '${unit}' is not valid; use Second, Minute, Hour, Day, Week, Month or Year.`,
      );
    result = addTicks(value, interval * ticks);
  }
  return result ?? dateOutOfRange(site);
}

function addFunction(name: string, ticksPerUnit: number): FunctionDefinition {
  return fn(name, 2, 3, (args, _ctx, site) => {
    const value = argTimestamp(args, 0, site);
    const shifted = addTicks(value, argNumber(args, 1, site) * ticksPerUnit) ?? dateOutOfRange(site);
    return formatResult(shifted, args, 2, site);
  });
}

function now(date: Date): DateTimeValue {
  return { ms: date.getTime(), subTicks: 0, kind: 'utc' };
}

function truncate(site: CallSite, value: DateTimeValue, unit: 'day' | 'hour' | 'month'): DateTimeValue {
  const f = fieldsOf(value);
  const ms =
    unit === 'month'
      ? msFromFields(f.year, f.month, 1)
      : unit === 'day'
        ? msFromFields(f.year, f.month, f.day)
        : msFromFields(f.year, f.month, f.day, f.hour);
  if (!Number.isFinite(ms)) dateOutOfRange(site);
  return { ms, subTicks: 0, kind: value.kind };
}

export const DATE_FUNCTIONS: readonly FunctionDefinition[] = [
  addFunction('addDays', UNIT_TICKS['day'] as number),
  addFunction('addHours', UNIT_TICKS['hour'] as number),
  addFunction('addMinutes', UNIT_TICKS['minute'] as number),
  addFunction('addSeconds', TICKS_PER_SECOND),
  fn('addToTime', 3, 4, (args, _ctx, site) =>
    formatResult(
      shift(argTimestamp(args, 0, site), argInteger(args, 1, site), argString(args, 2, site), site, 2),
      args,
      3,
      site,
    ),
  ),
  fn('subtractFromTime', 3, 4, (args, _ctx, site) =>
    formatResult(
      shift(argTimestamp(args, 0, site), -argInteger(args, 1, site), argString(args, 2, site), site, 2),
      args,
      3,
      site,
    ),
  ),
  fn(
    'getFutureTime',
    2,
    3,
    (args, ctx, site) =>
      formatResult(
        shift(now(ctx.now()), argInteger(args, 0, site), argString(args, 1, site), site, 1),
        args,
        2,
        site,
      ),
    {
      purity: 'volatile',
    },
  ),
  fn(
    'getPastTime',
    2,
    3,
    (args, ctx, site) =>
      formatResult(
        shift(now(ctx.now()), -argInteger(args, 0, site), argString(args, 1, site), site, 1),
        args,
        2,
        site,
      ),
    {
      purity: 'volatile',
    },
  ),
  fn('utcNow', 0, 1, (args, ctx, site) => formatResult(now(ctx.now()), args, 0, site), {
    purity: 'volatile',
  }),
  fn('convertFromUtc', 2, 3, (args, _ctx, site) => {
    const value = argTimestamp(args, 0, site);
    const zone = argTimeZone(args, 1, site);
    return formatResult(
      { ms: utcToZone(zone, value.ms), subTicks: value.subTicks, kind: 'unspecified' },
      args,
      2,
      site,
    );
  }),
  fn('convertToUtc', 2, 3, (args, _ctx, site) => {
    const value = argTimestamp(args, 0, site);
    const zone = argTimeZone(args, 1, site);
    const ms = value.kind === 'utc' ? value.ms : zoneToUtc(zone, value.ms);
    return formatResult({ ms, subTicks: value.subTicks, kind: 'utc' }, args, 2, site);
  }),
  fn('convertTimeZone', 3, 4, (args, _ctx, site) => {
    const value = argTimestamp(args, 0, site);
    const source = argTimeZone(args, 1, site);
    const target = argTimeZone(args, 2, site);
    const utc = value.kind === 'utc' ? value.ms : zoneToUtc(source, value.ms);
    const kind = target.iana === 'UTC' ? 'utc' : 'unspecified';
    return formatResult({ ms: utcToZone(target, utc), subTicks: value.subTicks, kind }, args, 3, site);
  }),
  fn('dateDifference', 2, 2, (args, _ctx, site) => {
    const start = argTimestamp(args, 0, site);
    const end = argTimestamp(args, 1, site);
    return formatTimeSpan(unixTicks(end) - unixTicks(start));
  }),
  fn('dayOfMonth', 1, 1, (args, _ctx, site) => fieldsOf(argTimestamp(args, 0, site)).day),
  fn('dayOfWeek', 1, 1, (args, _ctx, site) => fieldsOf(argTimestamp(args, 0, site)).dayOfWeek),
  fn('dayOfYear', 1, 1, (args, _ctx, site) => {
    const f = fieldsOf(argTimestamp(args, 0, site));
    return Math.round((msFromFields(f.year, f.month, f.day) - msFromFields(f.year, 1, 1)) / 86_400_000) + 1;
  }),
  fn('formatDateTime', 1, 3, (args, _ctx, site) =>
    formatResult(argTimestamp(args, 0, site), args, 1, site, argCulture(args, 2, site)),
  ),
  fn('parseDateTime', 1, 3, (args, _ctx, site) => {
    const text = argString(args, 0, site);
    const culture = argCulture(args, 1, site);
    const format = optString(args, 2, site);
    const value =
      format === undefined || format === ''
        ? parseTimestamp(text, culture, defaultCulture())
        : parseExactTimestamp(text, format, culture, (letter) => expandStandard(letter, culture));
    if (value === undefined) {
      throw valueError(
        site,
        0,
        `The value '${text}' could not be parsed as a timestamp${format === undefined ? '' : ` with the format '${format}'`} in the culture '${culture.name}'.`,
        'InvalidFormat',
      );
    }
    return formatResult(value, [], 0, site);
  }),
  fn('startOfDay', 1, 2, (args, _ctx, site) =>
    formatResult(truncate(site, argTimestamp(args, 0, site), 'day'), args, 1, site),
  ),
  fn('startOfHour', 1, 2, (args, _ctx, site) =>
    formatResult(truncate(site, argTimestamp(args, 0, site), 'hour'), args, 1, site),
  ),
  fn('startOfMonth', 1, 2, (args, _ctx, site) =>
    formatResult(truncate(site, argTimestamp(args, 0, site), 'month'), args, 1, site),
  ),
  // Ticks exceed 2^53; the JSON number is exact only where the double can hold it (e.g. whole seconds are).
  fn('ticks', 1, 1, (args, _ctx, site) => Number(dotnetTicks(argTimestamp(args, 0, site)))),
];

function expandStandard(letter: string, culture: ReturnType<typeof defaultCulture>): string | undefined {
  switch (letter) {
    case 'd':
      return culture.shortDate;
    case 'D':
      return culture.longDate;
    case 't':
      return culture.shortTime;
    case 'T':
      return culture.longTime;
    case 'g':
      return `${culture.shortDate} ${culture.shortTime}`;
    case 'G':
      return `${culture.shortDate} ${culture.longTime}`;
    case 'o':
    case 'O':
      return "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
    case 's':
      return "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
    case 'u':
      return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
    default:
      return undefined;
  }
}
