import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EgressPolicy } from './egress-policy.js';
import { checkDestination } from './egress-destination.js';

describe('checkDestination', () => {
  const policy = new EgressPolicy([{ name: 'no-db', effect: 'deny', hosts: ['db.example.com'] }]);

  it('answers the first allowed address of a name, so the caller connects there', async () => {
    const lookup = () =>
      Promise.resolve([
        { address: '10.1.2.3', family: 4 },
        { address: '203.0.113.7', family: 4 },
      ]);
    assert.deepEqual(await checkDestination(policy, 'default', 'kafka.example.com', 9092, lookup), {
      outcome: 'allowed',
      host: 'kafka.example.com',
      address: '203.0.113.7',
      family: 4,
      port: 9092,
    });
  });

  it('names the rule that denies, for addresses and names', async () => {
    assert.deepEqual(await checkDestination(policy, 'default', '[::1]', 9092), {
      outcome: 'denied',
      host: '::1',
      address: '::1',
      port: 9092,
      rule: 'default-deny-loopback',
    });
    const lookup = () => Promise.resolve([{ address: '203.0.113.8', family: 4 }]);
    const denied = await checkDestination(policy, 'default', 'db.example.com', 5432, lookup);
    assert.equal(denied.outcome === 'denied' && denied.rule, 'no-db');
  });

  it('says why a name does not resolve', async () => {
    const lookup = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    assert.deepEqual(await checkDestination(policy, 'default', 'missing.example', 9092, lookup), {
      outcome: 'unresolvable',
      host: 'missing.example',
      port: 9092,
      reason: 'cannot resolve missing.example: ENOTFOUND',
    });
  });
});
