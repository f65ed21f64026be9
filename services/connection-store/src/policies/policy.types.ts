/** `deny`: the listed connectors are blocked. `allow`: only the listed connectors may be used. */
export const POLICY_MODES = ['deny', 'allow'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

/** A connector policy. `namespace` null: global, it applies to every namespace. */
export interface ConnectorPolicy {
  name: string;
  namespace: string | null;
  mode: PolicyMode;
  connectorIds: string[];
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the admin API returns for a policy. */
export interface ConnectorPolicyView {
  name: string;
  scope: 'global' | 'namespace';
  namespace: string | null;
  mode: PolicyMode;
  connectorIds: string[];
  description: string;
  createdAt: string;
  updatedAt: string;
}

export function toPolicyView(policy: ConnectorPolicy): ConnectorPolicyView {
  return {
    name: policy.name,
    scope: policy.namespace === null ? 'global' : 'namespace',
    namespace: policy.namespace,
    mode: policy.mode,
    connectorIds: [...policy.connectorIds],
    description: policy.description,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}
