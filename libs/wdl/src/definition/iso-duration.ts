/**
 * ISO 8601 durations as WDL uses them (`PT5S`, `P1D`, `PT1H30M`, `P1W`). Months and years have no fixed
 * length; for timeouts and intervals they are taken as 30 and 365 days.
 */
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds in the duration, or `undefined` when the text is not an ISO 8601 duration. */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null || text.trim().toUpperCase() === 'P' || /T$/i.test(text.trim())) return undefined;
  const [, y, mo, w, d, h, mi, s] = match;
  const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
  return Math.round(
    n(y) * 365 * DAY +
      n(mo) * 30 * DAY +
      n(w) * 7 * DAY +
      n(d) * DAY +
      n(h) * HOUR +
      n(mi) * MINUTE +
      n(s) * SECOND,
  );
}

/** Milliseconds of `count` units as used by the Wait action (`Second`, `Minute`, ... `Month`). */
export function unitDurationMs(count: number, unit: string): number | undefined {
  const units: Record<string, number> = {
    second: SECOND,
    minute: MINUTE,
    hour: HOUR,
    day: DAY,
    week: 7 * DAY,
    month: 30 * DAY,
    year: 365 * DAY,
  };
  const size = units[unit.toLowerCase()];
  return size === undefined ? undefined : count * size;
}
