import type { ConnectionRecord } from '../connections/connection.types.js';
import type { OAuthEndpoints, OAuthTokens } from './oauth-client.js';

/** The provider settings of an OAuth connection, from its (validated) parameters. */
export function endpointsOf(record: Pick<ConnectionRecord, 'parameters'>): OAuthEndpoints {
  const p = record.parameters;
  const endpoints: OAuthEndpoints = {
    tokenUrl: String(p.tokenUrl),
    clientId: String(p.clientId),
    scopes: Array.isArray(p.scopes) ? p.scopes.map(String) : [],
  };
  if (typeof p.authorizationUrl === 'string') endpoints.authorizationUrl = p.authorizationUrl;
  if (typeof p.issuer === 'string') endpoints.issuer = p.issuer;
  return endpoints;
}

/**
 * The Vault secret set of an OAuth connection after a token response: the client secret it was created
 * with, and of the tokens only access token, refresh token, expiry and scopes.
 */
export function oauthSecrets(
  clientSecret: string | undefined,
  tokens: OAuthTokens,
  previousRefreshToken?: string,
): Record<string, string> {
  const secrets: Record<string, string> = {
    accessToken: tokens.accessToken,
    expiresAt: tokens.expiresAt.toISOString(),
    scope: tokens.scope,
  };
  if (clientSecret !== undefined) secrets.clientSecret = clientSecret;
  // Providers that do not rotate answer without a refresh token: the old one stays valid.
  const refreshToken = tokens.refreshToken ?? previousRefreshToken;
  if (refreshToken !== undefined) secrets.refreshToken = refreshToken;
  return secrets;
}
