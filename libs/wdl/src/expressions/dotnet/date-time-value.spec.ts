import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMonths,
  addTicks,
  dotnetTicks,
  fieldsOf,
  MAX_MS,
  MIN_MS,
  msFromFields,
  type DateTimeValue,
} from './date-time-value.js';

const at = (ms: number, subTicks = 0): DateTimeValue => ({ ms, subTicks, kind: 'utc' });

describe('DateTimeValue', () => {
  it('reads calendar fields like Date, across the whole .NET range', () => {
    for (const ms of [MIN_MS, -1, 0, 951_782_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), MAX_MS]) {
      const date = new Date(ms);
      const fields = fieldsOf(at(ms));
      assert.deepEqual(
        [
          fields.year,
          fields.month,
          fields.day,
          fields.hour,
          fields.minute,
          fields.second,
          fields.millisecond,
          fields.dayOfWeek,
        ],
        [
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
          date.getUTCHours(),
          date.getUTCMinutes(),
          date.getUTCSeconds(),
          date.getUTCMilliseconds(),
          date.getUTCDay(),
        ],
      );
    }
  });

  it('builds years below 100 literally', () => {
    assert.equal(msFromFields(1, 1, 1), MIN_MS);
    assert.equal(new Date(msFromFields(50, 6, 1)).getUTCFullYear(), 50);
  });

  it('counts .NET ticks exactly', () => {
    assert.equal(dotnetTicks(at(0)), 621_355_968_000_000_000n);
    assert.equal(dotnetTicks(at(MIN_MS)), 0n);
    assert.equal(dotnetTicks(at(1, 5)), 621_355_968_000_010_005n);
  });

  it('adds ticks below the millisecond, and refuses to leave the range', () => {
    assert.deepEqual(addTicks(at(0, 9_999), 1), at(1, 0));
    assert.deepEqual(addTicks(at(0, 0), -1), at(-1, 9_999));
    assert.equal(addTicks(at(MAX_MS, 9_999), 1), undefined);
  });

  it('adds months with the day clamped', () => {
    assert.deepEqual(addMonths(at(Date.UTC(2024, 0, 31, 5)), 1), at(Date.UTC(2024, 1, 29, 5)));
    assert.deepEqual(addMonths(at(Date.UTC(2024, 2, 31)), -13), at(Date.UTC(2023, 1, 28)));
    assert.equal(addMonths(at(Date.UTC(9999, 11, 1)), 1), undefined);
  });
});
