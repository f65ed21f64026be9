import { WINDOWS_TO_IANA_MAP } from 'windows-iana';

/**
 * Time zones by Windows id (what Logic Apps documents: "Pacific Standard Time") or IANA id. Windows ids are
 * mapped with the CLDR table from `windows-iana`; offsets come from Intl, so daylight saving rules are the
 * runtime's ICU data. The doc advises removing punctuation from Windows names; both forms are accepted.
 */
export interface TimeZone {
  readonly id: string;
  /** IANA id used for Intl, or 'UTC'. */
  readonly iana: string;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9+-]/g, '');
}

let windowsIndex: Map<string, string> | undefined;

function windowsToIana(): Map<string, string> {
  if (windowsIndex === undefined) {
    windowsIndex = new Map();
    for (const entry of WINDOWS_TO_IANA_MAP) {
      const key = normalize(entry.windowsName);
      const first = entry.iana[0];
      // Territory 001 is the zone's primary location; it comes first for each Windows id.
      if (first !== undefined && (!windowsIndex.has(key) || entry.territory === '001'))
        windowsIndex.set(key, first);
    }
  }
  return windowsIndex;
}

const zoneCache = new Map<string, TimeZone | null>();

/** The zone for a Windows or IANA id, or `undefined` when neither is known. */
export function findTimeZone(name: string): TimeZone | undefined {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const zone = resolve(name);
  if (zoneCache.size > 1000) zoneCache.clear();
  zoneCache.set(name, zone ?? null);
  return zone;
}

function resolve(name: string): TimeZone | undefined {
  const trimmed = name.trim();
  const key = normalize(trimmed);
  if (key === 'utc' || key === 'coordinateduniversaltime' || key === 'gmt' || key === 'etcutc')
    return { id: trimmed, iana: 'UTC' };
  const iana = windowsToIana().get(key) ?? (isIanaZone(trimmed) ? trimmed : undefined);
  if (iana === undefined || !isIanaZone(iana)) return undefined;
  return { id: trimmed, iana };
}

function isIanaZone(name: string): boolean {
  if (!name.includes('/') && name.toUpperCase() !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(iana: string): Intl.DateTimeFormat {
  let formatter = formatters.get(iana);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(iana, formatter);
  }
  return formatter;
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(zone: TimeZone, utcMs: number): number {
  if (zone.iana === 'UTC') return 0;
  const whole = Math.floor(utcMs / 1000) * 1000;
  const parts = formatterFor(zone.iana).formatToParts(whole);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((part) => part.type === 'era')?.value === 'BC') year = 1 - year;
  const date = new Date(0);
  date.setUTCFullYear(year, get('month') - 1, get('day'));
  date.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  return date.getTime() - whole;
}

/** Wall-clock milliseconds in the zone for a UTC instant. */
export function utcToZone(zone: TimeZone, utcMs: number): number {
  return utcMs + offsetAt(zone, utcMs);
}

/**
 * The UTC instant for a wall-clock time in the zone. The offsets a day before and a day after bracket any
 * transition; a candidate is valid when the zone really has that offset at that instant. In a repeated hour
 * both are valid and the later (standard time) instant is chosen, as .NET does for ambiguous times; in a
 * skipped hour neither is, and the offset from before the transition applies.
 */
export function zoneToUtc(zone: TimeZone, wallMs: number): number {
  if (zone.iana === 'UTC') return wallMs;
  const before = offsetAt(zone, wallMs - 86_400_000);
  const after = offsetAt(zone, wallMs + 86_400_000);
  const early = wallMs - before;
  if (before === after) return early;
  const late = wallMs - after;
  const earlyValid = offsetAt(zone, early) === before;
  const lateValid = offsetAt(zone, late) === after;
  if (earlyValid && lateValid) return Math.max(early, late);
  if (lateValid) return late;
  return early;
}
