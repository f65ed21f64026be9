/** Type of one connection parameter, as the connection form shows and the store validates it. */
export type ConnectionParameterType = 'string' | 'int' | 'bool' | 'object' | 'array';

/**
 * One connection parameter. Secret parameters (passwords, keys, tokens, private keys) live in Vault and reach
 * an operation only in `ResolvedConnection.secrets`; the others are in `ResolvedConnection.parameters`.
 */
export interface ConnectionParameterDeclaration {
  name: string;
  type: ConnectionParameterType;
  /** Stored in Vault, never returned by the API, never logged. */
  secret: boolean;
  required: boolean;
  displayName: string;
  description?: string;
  default?: string | number | boolean;
  /** Closed list of accepted values (an enum in the form). */
  allowedValues?: ReadonlyArray<string | number | boolean>;
  /** Only for these auth types (by `AuthTypeDeclaration.type`); absent means every auth type. */
  forAuthTypes?: readonly AuthType['type'][];
}

/**
 * OAuth 2.0 provider settings of a connector: where consent and token calls go. connection-store runs the
 * consent and refresh; an operation only ever sees the access token in `secrets.accessToken`.
 */
export interface OAuth2ProviderSettings {
  /** `aad` is Microsoft Entra ID (Azure AD) style: tenant in the URLs, `resource` or `.default` scopes. */
  identityProvider: 'generic' | 'aad';
  flow: 'authorizationCode' | 'clientCredentials' | 'implicit' | 'password';
  authorizationUrl?: string;
  tokenUrl: string;
  refreshUrl?: string;
  scopes: readonly string[];
  /** Azure AD v1 resource (`resourceUri` in Power Platform's apiProperties). */
  resourceUri?: string;
  /** Extra query parameters on the authorization URL (e.g. `prompt`). */
  authorizationQueryParameters?: Readonly<Record<string, string>>;
}

/**
 * How a connection authenticates. The parameters each type needs are declared in `connectionParameters`
 * (with `forAuthTypes`); the shapes below say where the credential goes.
 */
export type AuthType = { displayName?: string } & (
  | { type: 'none' }
  | { type: 'basic' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string }
  | { type: 'bearer' }
  | { type: 'oauth2'; provider: OAuth2ProviderSettings }
  | { type: 'clientCertificate' }
  /**
   * No stored credential: connection-store obtains one with its own identity at every resolve (a dynamic
   * database credential from Vault's database secrets engine) and hands it over like a stored one.
   */
  | { type: 'workloadIdentity'; source: 'vaultDatabase' }
);
