import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicies } from './policy-evaluation.js';
import type { ConnectorPolicy } from './policy.types.js';

const at = new Date('2026-01-01T00:00:00Z');
function policy(
  name: string,
  mode: 'deny' | 'allow',
  connectorIds: string[],
  namespace: string | null = null,
): ConnectorPolicy {
  return { name, mode, connectorIds, namespace, description: '', createdAt: at, updatedAt: at };
}

describe('evaluatePolicies', () => {
  it('allows everything without policies', () => {
    assert.equal(evaluatePolicies([], 'default', 'http'), undefined);
  });

  it('blocks a connector on a global deny-list, naming the policy', () => {
    assert.deepEqual(evaluatePolicies([policy('no-ftp', 'deny', ['ftp'])], 'team-a', 'ftp'), {
      policy: 'no-ftp',
      scope: 'global',
      reason: "connector 'ftp' is blocked by policy 'no-ftp' (deny-list, global)",
    });
    assert.equal(evaluatePolicies([policy('no-ftp', 'deny', ['ftp'])], 'team-a', 'http'), undefined);
  });

  it('applies a namespace policy only in its namespace', () => {
    const policies = [policy('a-no-sql', 'deny', ['sql'], 'team-a')];
    assert.equal(evaluatePolicies(policies, 'team-a', 'sql')?.policy, 'a-no-sql');
    assert.equal(evaluatePolicies(policies, 'team-b', 'sql'), undefined);
  });

  it('lets an allow-list admit only what it names; every allow-list in scope must name it', () => {
    const policies = [
      policy('only-web', 'allow', ['http', 'sql']),
      policy('b-only-http', 'allow', ['http'], 'team-b'),
    ];
    assert.equal(evaluatePolicies(policies, 'team-a', 'sql'), undefined);
    assert.equal(evaluatePolicies(policies, 'team-b', 'http'), undefined);
    assert.deepEqual(evaluatePolicies(policies, 'team-b', 'sql'), {
      policy: 'b-only-http',
      scope: "namespace 'team-b'",
      reason: "connector 'sql' is not allowed by policy 'b-only-http' (allow-list, namespace 'team-b')",
    });
    assert.equal(evaluatePolicies(policies, 'team-a', 'ftp')?.policy, 'only-web');
  });

  it('reports the first blocking policy by name whatever the input order', () => {
    const policies = [policy('z-deny', 'deny', ['ftp']), policy('a-deny', 'deny', ['ftp'])];
    assert.equal(evaluatePolicies(policies, 'x', 'ftp')?.policy, 'a-deny');
    assert.equal(evaluatePolicies([...policies].reverse(), 'x', 'ftp')?.policy, 'a-deny');
  });
});
