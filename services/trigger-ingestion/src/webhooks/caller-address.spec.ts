import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callerAddress, inRanges, parseRange } from './caller-address.js';

describe('caller address ranges', () => {
  const ranges = ['10.1.0.0/16', '203.0.113.9', '2001:db8::/32'].map(parseRange);

  it('matches CIDR ranges, single addresses and IPv6', () => {
    assert.equal(inRanges('10.1.200.3', ranges), true);
    assert.equal(inRanges('10.2.0.1', ranges), false);
    assert.equal(inRanges('203.0.113.9', ranges), true);
    assert.equal(inRanges('203.0.113.10', ranges), false);
    assert.equal(inRanges('2001:db8:1::5', ranges), true);
    assert.equal(inRanges('not-an-address', ranges), false);
  });

  it('treats IPv4-mapped IPv6 peers as IPv4', () => {
    assert.equal(inRanges('::ffff:10.1.0.7', ranges), true);
  });

  it('rejects a malformed range', () => {
    assert.throws(() => parseRange('10.0.0.0/99'));
    assert.throws(() => parseRange('example.com'));
  });
});

describe('callerAddress', () => {
  const proxies = [parseRange('127.0.0.1'), parseRange('10.9.0.0/16')];

  it('ignores X-Forwarded-For from an untrusted peer', () => {
    assert.equal(callerAddress('198.51.100.4', '10.1.0.1', proxies), '198.51.100.4');
  });

  it('walks X-Forwarded-For from the right through trusted proxies only', () => {
    assert.equal(callerAddress('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.9.3.3', proxies), '198.51.100.7');
  });

  it('uses the peer when there are no trusted proxies', () => {
    assert.equal(callerAddress('127.0.0.1', '10.1.0.1', []), '127.0.0.1');
  });
});
