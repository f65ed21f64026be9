import type { ConnectorPolicy } from './policy.types.js';

/** Why a connector may not be used: the policy that blocks it and how. */
export interface PolicyBlock {
  policy: string;
  scope: string;
  reason: string;
}

function scopeOf(policy: Pick<ConnectorPolicy, 'namespace'>): string {
  return policy.namespace === null ? 'global' : `namespace '${policy.namespace}'`;
}

/**
 * Decides whether `connectorId` may be used in `namespace` under `policies` (all of them; those of other
 * namespaces are ignored). A deny-list that names the connector blocks it; every allow-list in scope must
 * name it. The first blocking policy by name is reported, so the answer is stable.
 */
export function evaluatePolicies(
  policies: readonly ConnectorPolicy[],
  namespace: string,
  connectorId: string,
): PolicyBlock | undefined {
  const inScope = policies
    .filter((p) => p.namespace === null || p.namespace === namespace)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const policy of inScope) {
    const listed = policy.connectorIds.includes(connectorId);
    if (policy.mode === 'deny' && listed) {
      return {
        policy: policy.name,
        scope: scopeOf(policy),
        reason: `connector '${connectorId}' is blocked by policy '${policy.name}' (deny-list, ${scopeOf(policy)})`,
      };
    }
    if (policy.mode === 'allow' && !listed) {
      return {
        policy: policy.name,
        scope: scopeOf(policy),
        reason: `connector '${connectorId}' is not allowed by policy '${policy.name}' (allow-list, ${scopeOf(policy)})`,
      };
    }
  }
  return undefined;
}
