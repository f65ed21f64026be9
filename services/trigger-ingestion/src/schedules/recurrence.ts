import { DateTime } from 'luxon';
import type { FieldProblem } from '@patchbay/platform';
import { ianaZone } from './time-zone.js';

export const FREQUENCIES = ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A checked WDL `recurrence`. */
export interface Recurrence {
  frequency: Frequency;
  interval: number;
  /** Wall-clock start in `zone` (a `Z`/offset start is converted into the zone). */
  startTime?: DateTime;
  endTime?: DateTime;
  zone: string;
  schedule?: { hours?: number[]; minutes?: number[]; weekDays?: number[]; monthDays?: number[] };
}

/** A recurrence that cannot be scheduled; `problems` name each field. */
export class RecurrenceError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

function intList(value: unknown, path: string, min: number, max: number, problems: FieldProblem[]) {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => Number.isInteger(v) && v >= min && v <= max)) {
    problems.push({ path, message: `expected integers from ${min} to ${max}`, found: JSON.stringify(value) });
    return undefined;
  }
  return [...new Set(list as number[])].sort((a, b) => a - b);
}

function time(value: unknown, path: string, zone: string, problems: FieldProblem[]): DateTime | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' ? DateTime.fromISO(value, { zone, setZone: false }) : undefined;
  if (parsed === undefined || !parsed.isValid) {
    problems.push({ path, message: 'expected an ISO 8601 date and time', found: JSON.stringify(value) });
    return undefined;
  }
  return parsed.setZone(zone);
}

/** Checks a raw WDL `recurrence` object; throws {@link RecurrenceError} naming every problem. */
export function parseRecurrence(raw: unknown, path = 'recurrence'): Recurrence {
  const problems: FieldProblem[] = [];
  const r = (raw ?? {}) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object')
    throw new RecurrenceError([{ path, message: 'expected an object' }]);
  const frequency = FREQUENCIES.find((f) => f.toLowerCase() === String(r.frequency).toLowerCase());
  if (frequency === undefined)
    problems.push({
      path: `${path}.frequency`,
      message: `expected one of ${FREQUENCIES.join(', ')}`,
      found: JSON.stringify(r.frequency),
    });
  const interval = Number(r.interval ?? 1);
  if (!Number.isInteger(interval) || interval < 1)
    problems.push({
      path: `${path}.interval`,
      message: 'expected a positive integer',
      found: JSON.stringify(r.interval),
    });
  let zone = 'UTC';
  if (r.timeZone !== undefined) {
    const found = typeof r.timeZone === 'string' ? ianaZone(r.timeZone) : undefined;
    if (found === undefined)
      problems.push({
        path: `${path}.timeZone`,
        message: 'expected a Windows time zone id or an IANA zone name',
        found: JSON.stringify(r.timeZone),
      });
    else zone = found;
  }
  const startTime = time(r.startTime, `${path}.startTime`, zone, problems);
  const endTime = time(r.endTime, `${path}.endTime`, zone, problems);
  let schedule: Recurrence['schedule'];
  if (r.schedule !== undefined) {
    const s = r.schedule as Record<string, unknown>;
    const weekDayNames =
      s.weekDays === undefined ? undefined : Array.isArray(s.weekDays) ? s.weekDays : [s.weekDays];
    const weekDays = weekDayNames?.map(
      (d) => WEEKDAYS.findIndex((w) => w.toLowerCase() === String(d).toLowerCase()) + 1,
    );
    if (weekDays?.some((d) => d === 0) === true)
      problems.push({
        path: `${path}.schedule.weekDays`,
        message: `expected day names (${WEEKDAYS.join(', ')})`,
        found: JSON.stringify(s.weekDays),
      });
    schedule = {
      hours: intList(s.hours, `${path}.schedule.hours`, 0, 23, problems),
      minutes: intList(s.minutes, `${path}.schedule.minutes`, 0, 59, problems),
      weekDays: weekDays === undefined ? undefined : [...new Set(weekDays)].sort((a, b) => a - b),
      monthDays: intList(s.monthDays, `${path}.schedule.monthDays`, 1, 31, problems),
    };
    if (frequency === 'Second' || frequency === 'Minute')
      problems.push({
        path: `${path}.schedule`,
        message: 'a schedule needs frequency Hour, Day, Week or Month',
      });
  }
  if (problems.length > 0) throw new RecurrenceError(problems);
  const recurrence: Recurrence = { frequency: frequency!, interval, zone };
  if (startTime !== undefined) recurrence.startTime = startTime;
  if (endTime !== undefined) recurrence.endTime = endTime;
  if (schedule !== undefined) recurrence.schedule = schedule;
  return recurrence;
}

const UNIT = {
  Second: 'seconds',
  Minute: 'minutes',
  Hour: 'hours',
  Day: 'days',
  Week: 'weeks',
  Month: 'months',
} as const;

/**
 * The first occurrence strictly after `after`. `anchor` stands in for a missing startTime (when the trigger was
 * first registered). Day, Week and Month steps are wall-clock steps in the zone, so "09:00 every day" stays 09:00
 * across daylight-saving changes; a wall time that does not exist that day moves forward by the gap.
 * `undefined` once past `endTime`.
 */
export function nextOccurrence(r: Recurrence, after: Date, anchor: Date): Date | undefined {
  const start = r.startTime ?? DateTime.fromJSDate(anchor, { zone: r.zone });
  const from = DateTime.fromJSDate(after, { zone: r.zone });
  const next = r.schedule === undefined ? plainNext(r, start, from) : scheduledNext(r, start, from);
  if (next === undefined || (r.endTime !== undefined && next > r.endTime)) return undefined;
  return next.toJSDate();
}

function plainNext(r: Recurrence, start: DateTime, from: DateTime): DateTime {
  if (from < start) return start;
  const unit = UNIT[r.frequency];
  const elapsed = from.diff(start, unit).get(unit);
  let k = Math.max(0, Math.floor(elapsed / r.interval));
  let candidate = start.plus({ [unit]: k * r.interval });
  while (candidate <= from) {
    k += 1;
    candidate = start.plus({ [unit]: k * r.interval });
  }
  return candidate;
}

function scheduledNext(r: Recurrence, start: DateTime, from: DateTime): DateTime | undefined {
  const s = r.schedule!;
  const minutes = s.minutes ?? [start.minute];
  const hours = s.hours ?? (r.frequency === 'Hour' ? undefined : [start.hour]);
  const unit =
    r.frequency === 'Hour'
      ? 'hours'
      : r.frequency === 'Week'
        ? 'weeks'
        : r.frequency === 'Month'
          ? 'months'
          : 'days';
  const periodStart = (t: DateTime) =>
    t.startOf(unit === 'weeks' ? 'week' : unit === 'months' ? 'month' : unit === 'hours' ? 'hour' : 'day');
  const first = periodStart(start);
  const begin = from < start ? start : from;
  let index = Math.max(0, Math.floor(periodStart(begin).diff(first, unit).get(unit) + 1e-9));
  index -= index % r.interval;
  for (let guard = 0; guard < 2_000; guard += 1, index += r.interval) {
    const period = first.plus({ [unit]: index });
    const candidates: DateTime[] = [];
    const days =
      unit === 'weeks'
        ? (s.weekDays ?? [start.weekday]).map((d) => period.plus({ days: d - 1 }))
        : unit === 'months'
          ? (s.monthDays ?? [start.day])
              .filter((d) => d <= period.daysInMonth!)
              .map((d) => period.set({ day: d }))
          : [period];
    for (const day of days) {
      for (const hour of hours ?? [day.hour]) {
        for (const minute of minutes) {
          candidates.push(
            DateTime.fromObject(
              { year: day.year, month: day.month, day: day.day, hour, minute, second: 0 },
              { zone: r.zone },
            ),
          );
        }
      }
    }
    const found = candidates
      .filter((c) => c > from && c >= start)
      .sort((a, b) => a.toMillis() - b.toMillis())[0];
    if (found !== undefined) return found;
  }
  return undefined;
}
