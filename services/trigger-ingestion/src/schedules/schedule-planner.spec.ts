import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstOccurrence, planDue } from './schedule-planner.js';

const options = { maxFirings: 100, recurrenceCatchUpMs: 60_000 };
const iso = (d: Date | null | undefined) => d?.toISOString();

describe('schedule planner', () => {
  it('hands each missed SlidingWindow window to its own firing, in order', () => {
    const recurrence = { frequency: 'Minute', interval: 5, startTime: '2026-05-01T10:00:00Z' };
    const first = firstOccurrence('SlidingWindow', recurrence, new Date('2026-05-01T10:17:00Z'));
    assert.equal(iso(first.next), '2026-05-01T10:05:00.000Z');
    const plan = planDue(
      'SlidingWindow',
      recurrence,
      first.next!,
      new Date(0),
      new Date('2026-05-01T10:17:00Z'),
      options,
    );
    assert.deepEqual(
      plan.firings.map((f) => `${iso(f.windowStartTime)}..${iso(f.windowEndTime)}`),
      [
        '2026-05-01T10:00:00.000Z..2026-05-01T10:05:00.000Z',
        '2026-05-01T10:05:00.000Z..2026-05-01T10:10:00.000Z',
        '2026-05-01T10:10:00.000Z..2026-05-01T10:15:00.000Z',
      ],
    );
    assert.equal(iso(plan.next), '2026-05-01T10:20:00.000Z');
  });

  it('fires recent missed Recurrence occurrences and passes over older ones', () => {
    const recurrence = { frequency: 'Second', interval: 30, startTime: '2026-05-01T10:00:00Z' };
    const plan = planDue(
      'Recurrence',
      recurrence,
      new Date('2026-05-01T10:00:00Z'),
      new Date(0),
      new Date('2026-05-01T10:02:10Z'),
      options,
    );
    assert.equal(plan.skipped, 3);
    assert.deepEqual(
      plan.firings.map((f) => iso(f.scheduledTime)),
      ['2026-05-01T10:01:30.000Z', '2026-05-01T10:02:00.000Z'],
    );
    assert.equal(iso(plan.next), '2026-05-01T10:02:30.000Z');
  });

  it('fires a Recurrence without startTime at once, then every interval', () => {
    const now = new Date('2026-05-01T10:00:07.250Z');
    const first = firstOccurrence('Recurrence', { frequency: 'Minute', interval: 1 }, now);
    assert.equal(iso(first.next), '2026-05-01T10:00:07.250Z');
  });

  it('reports an unusable recurrence instead of scheduling it', () => {
    const first = firstOccurrence('Recurrence', { frequency: 'Often' }, new Date());
    assert.equal(first.next, null);
    assert.match(first.problem ?? '', /recurrence\.frequency: expected one of/);
  });
});
