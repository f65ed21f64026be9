import * as oidc from 'openid-client';
import { OAuthGrantRejectedError, OAuthProviderUnavailableError } from './oauth-errors.js';

/** The non-secret settings of an OAuth2 connection (its `parameters`). */
export interface OAuthEndpoints {
  authorizationUrl?: string;
  tokenUrl: string;
  clientId: string;
  scopes: string[];
  /** Expected `iss` of ID tokens; defaults to the token URL's origin. */
  issuer?: string;
}

/** What the store keeps of a token response: never the user's credentials, only the tokens. */
export interface OAuthTokens {
  accessToken: string;
  /** Absent when the provider did not issue (or rotate) one. */
  refreshToken?: string;
  expiresAt: Date;
  scope: string;
}

/** OAuth error codes after which only a new consent helps. */
const PERMANENT = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'access_denied']);

/** Lifetime assumed when a provider omits `expires_in`. */
const DEFAULT_LIFETIME_S = 3600;

/**
 * The OAuth2 client side, over `openid-client`: consent URLs with PKCE, the code exchange, refresh and
 * client credentials grants. Errors come out typed, without request data (which holds secrets).
 */
export class OAuthClient {
  constructor(private readonly options: { allowHttp: boolean; timeoutMs: number }) {}

  /** A consent URL with PKCE (S256) and `state`. */
  async consentUrl(
    endpoints: OAuthEndpoints,
    clientSecret: string | undefined,
    request: { redirectUri: string; state: string; codeVerifier: string },
  ): Promise<URL> {
    const config = this.configuration(endpoints, clientSecret);
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: request.redirectUri,
      scope: endpoints.scopes.join(' '),
      state: request.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code the provider sent to the callback URL (`callbackUrl` holds its query). */
  async exchangeCode(
    endpoints: OAuthEndpoints,
    clientSecret: string | undefined,
    callbackUrl: URL,
    checks: { state: string; codeVerifier: string; redirectUri: string },
  ): Promise<OAuthTokens> {
    const config = this.configuration(endpoints, clientSecret);
    return this.call('code exchange', endpoints, async () =>
      oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state },
        { redirect_uri: checks.redirectUri },
      ),
    );
  }

  async refresh(
    endpoints: OAuthEndpoints,
    clientSecret: string | undefined,
    refreshToken: string,
  ): Promise<OAuthTokens> {
    const config = this.configuration(endpoints, clientSecret);
    return this.call('refresh', endpoints, () => oidc.refreshTokenGrant(config, refreshToken));
  }

  async clientCredentials(endpoints: OAuthEndpoints, clientSecret: string): Promise<OAuthTokens> {
    const config = this.configuration(endpoints, clientSecret);
    const parameters = endpoints.scopes.length > 0 ? { scope: endpoints.scopes.join(' ') } : undefined;
    return this.call('client credentials', endpoints, () => oidc.clientCredentialsGrant(config, parameters));
  }

  private configuration(endpoints: OAuthEndpoints, clientSecret: string | undefined): oidc.Configuration {
    const issuer = endpoints.issuer ?? new URL(endpoints.tokenUrl).origin;
    const metadata: oidc.ServerMetadata = {
      issuer,
      token_endpoint: endpoints.tokenUrl,
      ...(endpoints.authorizationUrl === undefined
        ? {}
        : { authorization_endpoint: endpoints.authorizationUrl }),
    };
    const config = new oidc.Configuration(
      metadata,
      endpoints.clientId,
      undefined,
      clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(clientSecret),
    );
    config.timeout = Math.ceil(this.options.timeoutMs / 1000);
    if (this.options.allowHttp) oidc.allowInsecureRequests(config);
    return config;
  }

  private async call(
    what: string,
    endpoints: OAuthEndpoints,
    grant: () => Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>,
  ): Promise<OAuthTokens> {
    let response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    try {
      response = await grant();
    } catch (error) {
      throw translate(what, endpoints, error);
    }
    const expiresIn = response.expiresIn() ?? DEFAULT_LIFETIME_S;
    const tokens: OAuthTokens = {
      accessToken: response.access_token,
      expiresAt: new Date(Date.now() + expiresIn * 1000),
      scope: response.scope ?? endpoints.scopes.join(' '),
    };
    if (response.refresh_token !== undefined) tokens.refreshToken = response.refresh_token;
    return tokens;
  }
}

/** Maps an openid-client failure to a typed error that carries the OAuth error code, never a token. */
function translate(what: string, endpoints: OAuthEndpoints, error: unknown): Error {
  const host = new URL(endpoints.tokenUrl).host;
  if (error instanceof oidc.ResponseBodyError) {
    if (error.status >= 500) {
      return new OAuthProviderUnavailableError(`OAuth ${what} at ${host}: HTTP ${error.status}`);
    }
    const code = error.error;
    if (PERMANENT.has(code)) {
      return new OAuthGrantRejectedError(code, `OAuth ${what} at ${host} was refused: ${code}`);
    }
    return new OAuthGrantRejectedError(code, `OAuth ${what} at ${host} failed: ${code}`);
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: the client authentication failed (wrong or revoked client secret).
    const code = error.cause[0]?.parameters.error ?? 'invalid_client';
    if (error.status >= 500) {
      return new OAuthProviderUnavailableError(`OAuth ${what} at ${host}: HTTP ${error.status}`);
    }
    return new OAuthGrantRejectedError(code, `OAuth ${what} at ${host} was refused: ${code}`);
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return new OAuthGrantRejectedError(
      error.error,
      `OAuth consent was refused by the provider: ${error.error}`,
    );
  }
  if (error instanceof oidc.ClientError) {
    return new OAuthGrantRejectedError('invalid_response', `OAuth ${what} at ${host}: ${error.message}`);
  }
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return new OAuthProviderUnavailableError(
    `OAuth ${what} at ${host}: no answer (${typeof code === 'string' ? code : 'network error'})`,
  );
}
