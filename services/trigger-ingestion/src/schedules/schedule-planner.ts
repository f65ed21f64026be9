import { DateTime } from 'luxon';
import { nextOccurrence, parseRecurrence, RecurrenceError, type Recurrence } from './recurrence.js';

export const SCHEDULE_TYPES = new Set(['recurrence', 'slidingwindow']);

/** One occurrence to fire now. */
export interface PlannedFiring {
  scheduledTime: Date;
  windowStartTime?: Date;
  windowEndTime?: Date;
}

export interface SchedulePlan {
  firings: PlannedFiring[];
  /** The occurrence after the last one handled; `null` when the schedule is over or unusable. */
  next: Date | null;
  /** Recurrence occurrences older than the catch-up limit, passed over without firing. */
  skipped: number;
  problem?: string;
}

export interface PlanOptions {
  /** At most this many firings per schedule per claim (the rest follow in the next claim). */
  maxFirings: number;
  /** Recurrence occurrences missed by more than this are passed over; SlidingWindow always catches up. */
  recurrenceCatchUpMs: number;
}

const UNIT = {
  Second: 'seconds',
  Minute: 'minutes',
  Hour: 'hours',
  Day: 'days',
  Week: 'weeks',
  Month: 'months',
} as const;

function isSliding(triggerType: string): boolean {
  return triggerType.toLowerCase() === 'slidingwindow';
}

/** The first occurrence of a schedule registered at `now` (`null` with a problem when it cannot be scheduled). */
export function firstOccurrence(
  triggerType: string,
  rawRecurrence: unknown,
  now: Date,
): { next: Date | null; problem?: string } {
  let recurrence: Recurrence;
  try {
    recurrence = parseRecurrence(rawRecurrence);
  } catch (error) {
    if (error instanceof RecurrenceError) return { next: null, problem: error.message };
    throw error;
  }
  if (isSliding(triggerType)) {
    // Windows run from startTime on, so a start in the past is caught up window by window.
    const start = recurrence.startTime?.toJSDate() ?? now;
    return { next: nextOccurrence({ ...recurrence, schedule: undefined }, start, start) ?? null };
  }
  return { next: nextOccurrence(recurrence, new Date(now.getTime() - 1), now) ?? null };
}

/** What to fire for one due schedule at `now`, and where it goes next. */
export function planDue(
  triggerType: string,
  rawRecurrence: unknown,
  nextFireAt: Date,
  anchor: Date,
  now: Date,
  options: PlanOptions,
): SchedulePlan {
  let recurrence: Recurrence;
  try {
    recurrence = parseRecurrence(rawRecurrence);
  } catch (error) {
    if (error instanceof RecurrenceError)
      return { firings: [], next: null, skipped: 0, problem: error.message };
    throw error;
  }
  const sliding = isSliding(triggerType);
  if (sliding) recurrence = { ...recurrence, schedule: undefined };
  const firings: PlannedFiring[] = [];
  let skipped = 0;
  let at: Date | undefined = nextFireAt;
  while (at !== undefined && at <= now && firings.length < options.maxFirings) {
    if (sliding) {
      const end = DateTime.fromJSDate(at, { zone: recurrence.zone });
      const start = end.minus({ [UNIT[recurrence.frequency]]: recurrence.interval });
      firings.push({ scheduledTime: at, windowStartTime: start.toJSDate(), windowEndTime: at });
    } else if (now.getTime() - at.getTime() > options.recurrenceCatchUpMs) {
      skipped += 1;
    } else {
      firings.push({ scheduledTime: at });
    }
    at = nextOccurrence(recurrence, at, anchor);
  }
  return { firings, next: at ?? null, skipped };
}
