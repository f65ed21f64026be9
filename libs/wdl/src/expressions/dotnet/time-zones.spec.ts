import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTimeZone, offsetAt, utcToZone, zoneToUtc } from './time-zones.js';

const HOUR = 3_600_000;

describe('time zones', () => {
  it('maps Windows ids (with or without punctuation) and accepts IANA ids', () => {
    assert.equal(findTimeZone('Pacific Standard Time')?.iana, 'America/Los_Angeles');
    assert.equal(findTimeZone('pacific standard time')?.iana, 'America/Los_Angeles');
    assert.equal(findTimeZone('Pacific Standard Time (Mexico)')?.iana, 'America/Tijuana');
    assert.equal(findTimeZone('Pacific Standard Time Mexico')?.iana, 'America/Tijuana');
    assert.equal(findTimeZone('UTC')?.iana, 'UTC');
    assert.equal(findTimeZone('Asia/Tokyo')?.iana, 'Asia/Tokyo');
    assert.equal(findTimeZone('Nowhere Standard Time'), undefined);
    assert.equal(findTimeZone('Not/AZone'), undefined);
  });

  it('follows daylight saving time', () => {
    const pacific = findTimeZone('Pacific Standard Time');
    assert.ok(pacific !== undefined);
    assert.equal(offsetAt(pacific, Date.UTC(2018, 0, 1)), -8 * HOUR);
    assert.equal(offsetAt(pacific, Date.UTC(2018, 6, 1)), -7 * HOUR);
    assert.equal(utcToZone(pacific, Date.UTC(2018, 0, 1, 8)), Date.UTC(2018, 0, 1, 0));
    assert.equal(zoneToUtc(pacific, Date.UTC(2018, 6, 1, 1)), Date.UTC(2018, 6, 1, 8));
  });

  it('settles wall-clock times around transitions', () => {
    const pacific = findTimeZone('Pacific Standard Time');
    assert.ok(pacific !== undefined);
    // 01:30 on 2018-11-04 happens twice; the later (standard time) instant is chosen.
    assert.equal(zoneToUtc(pacific, Date.UTC(2018, 10, 4, 1, 30)), Date.UTC(2018, 10, 4, 9, 30));
    const india = findTimeZone('India Standard Time');
    assert.ok(india !== undefined);
    assert.equal(offsetAt(india, Date.UTC(2018, 0, 1)), 5.5 * HOUR);
  });
});
