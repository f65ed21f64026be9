import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextOccurrence, parseRecurrence, RecurrenceError } from './recurrence.js';

const anchor = new Date('2026-01-01T00:00:00Z');

function series(raw: unknown, after: string, count: number): string[] {
  const r = parseRecurrence(raw);
  const out: string[] = [];
  let at = new Date(after);
  for (let i = 0; i < count; i += 1) {
    const next = nextOccurrence(r, at, anchor);
    if (next === undefined) break;
    out.push(next.toISOString());
    at = next;
  }
  return out;
}

describe('nextOccurrence', () => {
  it('steps every 15 minutes from startTime', () => {
    assert.deepEqual(
      series(
        { frequency: 'Minute', interval: 15, startTime: '2026-03-01T10:05:00Z' },
        '2026-03-01T10:20:00Z',
        3,
      ),
      ['2026-03-01T10:35:00.000Z', '2026-03-01T10:50:00.000Z', '2026-03-01T11:05:00.000Z'],
    );
  });

  it('keeps 09:00 local across the spring DST change (Windows zone name)', () => {
    const raw = {
      frequency: 'Day',
      interval: 1,
      startTime: '2026-03-27T09:00:00',
      timeZone: 'W. Europe Standard Time',
    };
    assert.deepEqual(series(raw, '2026-03-27T09:00:00Z', 3), [
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('fires once in the repeated hour of the autumn change and moves a missing hour forward (IANA name)', () => {
    const raw = {
      frequency: 'Day',
      interval: 1,
      startTime: '2026-10-01T00:00:00',
      timeZone: 'America/New_York',
      schedule: { hours: [1, 2], minutes: [30] },
    };
    // 2026-11-01: 01:30 happens twice (EDT then EST): fired once, in standard time.
    assert.deepEqual(series(raw, '2026-11-01T04:00:00Z', 3), [
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T07:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
    // 2026-03-08: 02:30 does not exist in New York; it fires at 03:30 EDT.
    assert.deepEqual(series({ ...raw, startTime: '2026-03-01T00:00:00' }, '2026-03-08T06:00:00Z', 2), [
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('runs a weekly schedule on the named days, every second week', () => {
    const raw = {
      frequency: 'Week',
      interval: 2,
      startTime: '2026-06-01T00:00:00Z',
      schedule: { weekDays: ['Monday', 'Wednesday'], hours: [8], minutes: [0, 30] },
    };
    assert.deepEqual(series(raw, '2026-06-01T00:00:00Z', 5), [
      '2026-06-01T08:00:00.000Z',
      '2026-06-01T08:30:00.000Z',
      '2026-06-03T08:00:00.000Z',
      '2026-06-03T08:30:00.000Z',
      '2026-06-15T08:00:00.000Z',
    ]);
  });

  it('skips month days a month does not have', () => {
    const raw = {
      frequency: 'Month',
      interval: 1,
      startTime: '2026-01-01T00:00:00Z',
      schedule: { monthDays: [31], hours: [6], minutes: [0] },
    };
    assert.deepEqual(series(raw, '2026-03-31T07:00:00Z', 2), [
      '2026-05-31T06:00:00.000Z',
      '2026-07-31T06:00:00.000Z',
    ]);
  });

  it('starts at startTime when it is in the future and stops after endTime', () => {
    const raw = {
      frequency: 'Hour',
      interval: 1,
      startTime: '2026-05-01T10:00:00Z',
      endTime: '2026-05-01T12:00:00Z',
    };
    assert.deepEqual(series(raw, '2026-04-01T00:00:00Z', 5), [
      '2026-05-01T10:00:00.000Z',
      '2026-05-01T11:00:00.000Z',
      '2026-05-01T12:00:00.000Z',
    ]);
  });
});

describe('parseRecurrence', () => {
  it('names every problem', () => {
    assert.throws(
      () =>
        parseRecurrence({
          frequency: 'Fortnight',
          interval: 0,
          timeZone: 'Mars Standard Time',
          schedule: { hours: [25], weekDays: ['Funday'] },
        }),
      (error: unknown) =>
        error instanceof RecurrenceError &&
        JSON.stringify(error.problems.map((p) => p.path)) ===
          JSON.stringify([
            'recurrence.frequency',
            'recurrence.interval',
            'recurrence.timeZone',
            'recurrence.schedule.weekDays',
            'recurrence.schedule.hours',
          ]),
    );
  });
});
