import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EgressPolicy } from './egress-policy.js';
import { shorthandRules } from './egress-rule.js';
import { z } from 'zod';
import { egressEnvShape } from './egress-config.js';

const envSchema = z.object(egressEnvShape);

const at = (address: string, extra: { host?: string; port?: number; namespace?: string } = {}) => ({
  namespace: extra.namespace ?? 'default',
  host: extra.host ?? address,
  address,
  port: extra.port ?? 443,
});

describe('EgressPolicy', () => {
  it('denies loopback, link-local, private and unspecified by default, naming the rule', () => {
    const policy = new EgressPolicy([]);
    const cases: [string, string][] = [
      ['127.0.0.1', 'default-deny-loopback'],
      ['::1', 'default-deny-loopback'],
      ['::ffff:127.0.0.1', 'default-deny-loopback'],
      ['169.254.169.254', 'default-deny-link-local'],
      ['fe80::1', 'default-deny-link-local'],
      ['10.1.2.3', 'default-deny-private'],
      ['172.20.0.1', 'default-deny-private'],
      ['192.168.1.1', 'default-deny-private'],
      ['fd00::1', 'default-deny-private'],
      ['0.0.0.0', 'default-deny-unspecified'],
    ];
    for (const [address, rule] of cases)
      assert.deepEqual(policy.decide(at(address)), { allowed: false, rule }, address);
    assert.deepEqual(policy.decide(at('93.184.216.34')), { allowed: true, rule: 'default-allow-public' });
  });

  it('an explicit allow opens a default-denied range; an explicit deny always wins', () => {
    const policy = new EgressPolicy([
      ...shorthandRules('127.0.0.0/8', 'allow', 'PATCHBAY_EGRESS_ALLOW'),
      { name: 'no-smtp-on-loopback', effect: 'deny', cidrs: ['127.0.0.0/8'], ports: [25] },
    ]);
    assert.deepEqual(policy.decide(at('127.0.0.1')), {
      allowed: true,
      rule: 'PATCHBAY_EGRESS_ALLOW=127.0.0.0/8',
    });
    assert.deepEqual(policy.decide(at('127.0.0.1', { port: 25 })), {
      allowed: false,
      rule: 'no-smtp-on-loopback',
    });
  });

  it('matches rules by namespace, host pattern and port', () => {
    const policy = new EgressPolicy([
      { name: 'team-a-no-example', effect: 'deny', namespaces: ['team-a'], hosts: ['*.example.com'] },
      { name: 'team-b-db', effect: 'allow', namespaces: ['team-b'], cidrs: ['10.0.0.0/8'], ports: [5432] },
    ]);
    const pub = '93.184.216.34';
    assert.equal(policy.decide(at(pub, { host: 'api.example.com', namespace: 'team-a' })).allowed, false);
    assert.equal(policy.decide(at(pub, { host: 'api.example.com', namespace: 'team-b' })).allowed, true);
    assert.equal(policy.decide(at(pub, { host: 'example.org', namespace: 'team-a' })).allowed, true);
    assert.equal(policy.decide(at('10.0.0.5', { port: 5432, namespace: 'team-b' })).rule, 'team-b-db');
    assert.equal(
      policy.decide(at('10.0.0.5', { port: 22, namespace: 'team-b' })).rule,
      'default-deny-private',
    );
  });

  it('configuration names the variable and the entry that is wrong', () => {
    const base = {};
    const bad = envSchema.safeParse({
      ...base,
      PATCHBAY_EGRESS_ALLOW: '127.0.0.0/8, not a cidr',
    });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues[0]!.path, ['PATCHBAY_EGRESS_ALLOW']);
    assert.match(bad.error.issues[0]!.message, /'not a cidr' is not a CIDR range/);
    const rules = envSchema.safeParse({
      ...base,
      PATCHBAY_EGRESS_RULES: '[{"name":"x","effect":"maybe"}]',
    });
    assert.ok(!rules.success);
    assert.deepEqual(rules.error.issues[0]!.path, ['PATCHBAY_EGRESS_RULES']);
    assert.match(rules.error.issues[0]!.message, /\[0\.effect\]/);
  });
});
