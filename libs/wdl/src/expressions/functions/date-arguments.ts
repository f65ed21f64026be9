import { argString, optString, valueError } from '../runtime/argument-checks.js';
import type { CallSite } from '../runtime/function-definition.js';
import { defaultCulture, findCulture, type Culture } from '../dotnet/cultures.js';
import { formatDateTime } from '../dotnet/date-time-format.js';
import { parseTimestamp } from '../dotnet/date-time-parse.js';
import type { DateTimeValue } from '../dotnet/date-time-value.js';
import { findTimeZone, type TimeZone } from '../dotnet/time-zones.js';

/** A timestamp argument, read the way Logic Apps reads it (ISO 8601 or an en-US date). */
export function argTimestamp(args: readonly unknown[], index: number, site: CallSite): DateTimeValue {
  const text = argString(args, index, site);
  const culture = defaultCulture();
  const value = parseTimestamp(text, culture, culture);
  if (value === undefined) {
    throw valueError(
      site,
      index,
      `The value '${text}' provided for the date time string is not valid. The datetime string must match ISO 8601 format.`,
      'InvalidFormat',
    );
  }
  return value;
}

/** Formats a result with the optional format argument (default `o`) in en-US. */
export function formatResult(
  value: DateTimeValue,
  args: readonly unknown[],
  formatIndex: number,
  site: CallSite,
  culture: Culture = defaultCulture(),
): string {
  const format = optString(args, formatIndex, site) ?? 'o';
  const result = formatDateTime(value, format === '' ? 'o' : format, culture, defaultCulture());
  if (typeof result !== 'string')
    throw valueError(
      site,
      formatIndex,
      `${result.error} The format must be a valid standard or custom date and time format string.`,
      'InvalidFormat',
    );
  return result;
}

export function argCulture(args: readonly unknown[], index: number, site: CallSite): Culture {
  const locale = optString(args, index, site);
  if (locale === undefined) return defaultCulture();
  const culture = findCulture(locale);
  if (culture === undefined)
    throw valueError(
      site,
      index,
      `The provided locale '${locale}' is not valid or doesn't have an associated culture.`,
      'InvalidLocale',
    );
  return culture;
}

export function argTimeZone(args: readonly unknown[], index: number, site: CallSite): TimeZone {
  const name = argString(args, index, site);
  const zone = findTimeZone(name);
  if (zone === undefined)
    throw valueError(
      site,
      index,
      `The time zone '${name}' is not valid; use a Windows time zone id such as 'Pacific Standard Time'.`,
      'InvalidTimeZone',
    );
  return zone;
}

export function dateOutOfRange(site: CallSite): never {
  throw valueError(
    site,
    undefined,
    'The resulting date is outside the range 0001-01-01 to 9999-12-31.',
    'InvalidArgumentValue',
  );
}
