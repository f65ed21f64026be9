/** How a connection authenticates to its target system. Secrets for each type live in Vault. */
export const AUTH_TYPES = [
  'none',
  'apiKey',
  'basic',
  'bearer',
  'oauth2AuthorizationCode',
  'oauth2ClientCredentials',
  'clientCertificate',
  'workloadIdentity',
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/**
 * Lifecycle of a connection. `Pending` (being created) and `Deleting` (being removed) are internal states
 * of the two-store write; such a connection never resolves.
 */
export type ConnectionStatus = 'Pending' | 'Connected' | 'Unauthenticated' | 'Error' | 'Deleting';

/** The Vault key each auth type needs, e.g. `apiKey` -> `{ "apiKey": "..." }`. */
export const REQUIRED_SECRET_KEY: Record<AuthType, string | undefined> = {
  none: undefined,
  apiKey: 'apiKey',
  basic: 'password',
  bearer: 'token',
  oauth2AuthorizationCode: undefined,
  oauth2ClientCredentials: 'clientSecret',
  // Either `pfx` or `privateKey` (with `parameters.certificate`): checked by clientCertificateProblems.
  clientCertificate: undefined,
  // No stored credential: Vault issues one at every resolve.
  workloadIdentity: undefined,
};

/** Secrets an auth type may take besides its required one (a public OAuth client has no secret). */
export const OPTIONAL_SECRET_KEYS: Record<AuthType, readonly string[]> = {
  none: [],
  apiKey: [],
  basic: [],
  bearer: [],
  oauth2AuthorizationCode: ['clientSecret'],
  oauth2ClientCredentials: [],
  clientCertificate: ['pfx', 'password', 'privateKey', 'passphrase'],
  workloadIdentity: [],
};

/**
 * The connector auth type (connector-sdk `AuthType['type']`) a store auth type needs the connector to declare;
 * OAuth types also need the declared `flow`.
 */
export function connectorAuthOf(authType: AuthType): { type: string; flow?: string } {
  if (authType === 'oauth2AuthorizationCode') return { type: 'oauth2', flow: 'authorizationCode' };
  if (authType === 'oauth2ClientCredentials') return { type: 'oauth2', flow: 'clientCredentials' };
  return { type: authType };
}

/** Auth types whose tokens the store obtains and refreshes itself; their secrets are not set by admins. */
export function isOAuth(authType: AuthType): boolean {
  return authType === 'oauth2AuthorizationCode' || authType === 'oauth2ClientCredentials';
}

/** A connection as the store keeps it in Postgres (no secret values, only the names of the secret keys). */
export interface ConnectionRecord {
  id: string;
  namespace: string;
  name: string;
  connectorId: string;
  displayName: string;
  authType: AuthType;
  parameters: Record<string, unknown>;
  secretKeys: string[];
  status: ConnectionStatus;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  tags: Record<string, string>;
  /** Vault KV v2 version of the secrets; null: read the latest (rows written before versions were kept). */
  secretVersion: number | null;
  /** A secret replacement in flight (intent recorded before the Vault write); null when none. */
  pendingSecretSince: Date | null;
  pendingSecretKeys: string[] | null;
  pendingSecretRollForward: boolean;
  /** OAuth: when the access token in Vault expires; null when there is none yet. */
  tokenExpiresAt: Date | null;
  /** Execution environment the connection is pinned to; null: the default environment. */
  executionEnvironment: string | null;
}

/** What the admin API returns for a connection. Secret values never appear, only `secretKeys`. */
export interface ConnectionView {
  id: string;
  namespace: string;
  name: string;
  connectorId: string;
  displayName: string;
  authType: AuthType;
  tags: Record<string, string>;
  parameters: Record<string, unknown>;
  secretKeys: string[];
  status: ConnectionStatus;
  statusReason: string | null;
  linkedWorkflowIds: string[];
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  /** OAuth: when the current access token expires. */
  tokenExpiresAt: string | null;
  /** Execution environment whose connector-runtime runs the connection's operations; null: the default one. */
  executionEnvironment: string | null;
}

export function toConnectionView(record: ConnectionRecord, linkedWorkflowIds: string[]): ConnectionView {
  return {
    id: record.id,
    namespace: record.namespace,
    name: record.name,
    connectorId: record.connectorId,
    displayName: record.displayName,
    authType: record.authType,
    tags: { ...record.tags },
    parameters: record.parameters,
    secretKeys: [...record.secretKeys],
    status: record.status,
    statusReason: record.statusReason,
    linkedWorkflowIds,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    tokenExpiresAt: record.tokenExpiresAt?.toISOString() ?? null,
    executionEnvironment: record.executionEnvironment,
  };
}
