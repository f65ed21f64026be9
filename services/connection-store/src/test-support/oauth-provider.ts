import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A real OAuth 2.0 / OpenID provider (npm `oidc-provider`) on loopback, for the OAuth integration tests. */
export interface TestOAuthProvider {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl: string;
  clientId: string;
  clientSecret: string;
  /** Token endpoint calls by grant type, successful or not: what the provider saw. */
  tokenCalls: Record<string, number>;
  /** Follows a consent URL like a browser whose user logs in and consents; resolves to the redirect URL. */
  consent(consentUrl: string): Promise<URL>;
  /** Revokes a token at the provider's revocation endpoint, as a user revoking access would. */
  revoke(token: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestOAuthProviderOptions {
  redirectUri: string;
  /** Lifetime of access tokens, seconds. */
  accessTokenTtl: number;
}

/** A cookie jar just large enough for the provider's interaction cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export async function startOAuthProvider(options: TestOAuthProviderOptions): Promise<TestOAuthProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'patchbay-test';
  const clientSecret = `cs-${Math.random().toString(36).slice(2)}${Date.now()}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'openid offline_access api:read',
      },
    ],
    scopes: ['openid', 'offline_access', 'api:read'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
    },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: options.accessTokenTtl,
      ClientCredentials: options.accessTokenTtl,
      RefreshToken: 3600,
      Grant: 3600,
      Interaction: 600,
      Session: 600,
      AuthorizationCode: 60,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  const tokenCalls: Record<string, number> = {};
  const count = (ctx: KoaContextWithOIDC): void => {
    const grantType = String((ctx.oidc?.params as { grant_type?: unknown } | undefined)?.grant_type);
    tokenCalls[grantType] = (tokenCalls[grantType] ?? 0) + 1;
  };
  provider.on('grant.success', count);
  provider.on('grant.error', count);

  const handleProvider = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      void finishInteraction(provider, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void handleProvider(req, res);
  });

  return {
    issuer,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    revocationUrl: `${issuer}/token/revocation`,
    clientId,
    clientSecret,
    tokenCalls,
    async consent(consentUrl) {
      const jar = new CookieJar();
      let url = new URL(consentUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (!url.href.startsWith(issuer)) return url; // back at the client's redirect URI
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
        jar.store(response);
        const location = response.headers.get('location');
        if (location === null)
          throw new Error(
            `provider answered ${response.status} without a redirect: ${await response.text()}`,
          );
        url = new URL(location, url);
      }
      throw new Error('too many redirects');
    },
    async revoke(token) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token }),
      });
      if (response.status !== 200) throw new Error(`revocation answered ${response.status}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The user "alice" logs in and consents to every requested scope, without a browser. */
async function finishInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: 'alice' } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const accountId = details.session?.accountId ?? 'alice';
  const clientId = String(details.params.client_id);
  const grant =
    details.grantId === undefined
      ? new provider.Grant({ accountId, clientId })
      : await provider.Grant.find(details.grantId);
  if (grant === undefined) throw new Error('grant not found');
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
