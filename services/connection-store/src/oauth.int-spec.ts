import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { Topics, type ResolvedConnection } from '@patchbay/contracts';
import { waitFor } from '@patchbay/testkit';
import { OAuthTokenRefresher } from './oauth/oauth-token.refresher.js';
import {
  grpcError,
  http,
  resolveClient,
  startStore,
  vaultRead,
  type Json,
  type RunningStore,
} from './test-support/connection-store.harness.js';
import { collectTopic } from './test-support/kafka-events.js';
import { startOAuthProvider, type TestOAuthProvider } from './test-support/oauth-provider.js';
import { useStoreFixture } from './test-support/store-fixture.js';

/**
 * The provider redirects the user's browser to this URL; the test plays the browser and forwards the
 * callback query to the store under test.
 */
const REDIRECT_URL = 'http://patchbay.test/api/oauth/callback';
const OAUTH_CONFIG = {
  redirectUrl: REDIRECT_URL,
  allowHttp: true,
  refreshAheadSeconds: 60,
  // The periodic sweep is the same method the tests call; far apart so it never races them.
  refreshIntervalMs: 3_600_000,
};

describe('OAuth2 connections against a real OAuth provider, Postgres, Vault and Kafka', () => {
  let provider: TestOAuthProvider;
  let events: Awaited<ReturnType<typeof collectTopic>>;
  const workflowId = randomUUID();

  before(async () => {
    provider = await startOAuthProvider({ redirectUri: REDIRECT_URL, accessTokenTtl: 3600 });
  });
  after(async () => {
    await events?.stop();
    await provider?.close();
  });
  const f = useStoreFixture('cs-oauth', (infra) => ({
    config: { oauth: OAUTH_CONFIG, kafkaBrokers: [...infra.kafkaBrokers] },
  }));
  const { q } = f;
  before(async () => {
    events = await collectTopic(f.infra.kafkaBrokers, Topics.connectionChanged);
  });

  function calls(grant: string): number {
    return provider.tokenCalls[grant] ?? 0;
  }

  async function resolveOn(store: RunningStore, name: string): Promise<ResolvedConnection> {
    const client = resolveClient(store.grpcTarget);
    try {
      return await client.resolve({
        connectionName: name,
        workflowId,
        runId: randomUUID(),
        actionName: 'Call_API',
        namespace: f.namespace,
      });
    } finally {
      client.close();
    }
  }

  async function connectionId(name: string): Promise<string> {
    return (await http(f.store, 'GET', `/api/connections/${name}${q}`)).body.id as string;
  }

  /** The store starts a consent, the user consents at the provider, the browser lands on the callback. */
  async function consent(name: string): Promise<{ status: number; body: Json }> {
    const started = await http(f.store, 'POST', `/api/connections/${name}/oauth/consent${q}`);
    assert.equal(started.status, 201);
    const landed = await provider.consent(started.body.consentUrl as string);
    assert.equal(`${landed.origin}${landed.pathname}`, REDIRECT_URL);
    return http(f.store, 'GET', `/api/oauth/callback${landed.search}`);
  }

  /** Makes the store believe the access token expires in a few seconds (well inside the refresh-ahead window). */
  async function expireSoon(name: string): Promise<void> {
    await f.db.query(
      `UPDATE connection_store.connections SET token_expires_at = now() + interval '5 seconds'
       WHERE namespace = $1 AND name = $2`,
      [f.namespace, name],
    );
  }

  it('creates an authorization-code connection that waits for consent', async () => {
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'crm',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: {
        authorizationUrl: provider.authorizationUrl,
        tokenUrl: provider.tokenUrl,
        clientId: provider.clientId,
        scopes: ['api:read', 'offline_access'],
      },
      secrets: { clientSecret: provider.clientSecret },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'Unauthenticated');
    assert.equal(created.body.statusReason, 'consent required: POST /api/connections/crm/oauth/consent');
    await http(f.store, 'POST', `/api/connections/crm/links${q}`, { workflowId });
    await assert.rejects(resolveOn(f.store, 'crm'), (error: unknown) => {
      const e = grpcError(error);
      assert.equal(e.code, grpc.status.FAILED_PRECONDITION);
      assert.match(e.details, /reconnect this connection$/);
      return true;
    });
  });

  it('hands out a PKCE consent URL, and the callback stores only the tokens in Vault', async () => {
    const started = await http(f.store, 'POST', `/api/connections/crm/oauth/consent${q}`);
    const url = new URL(started.body.consentUrl as string);
    assert.equal(`${url.origin}${url.pathname}`, provider.authorizationUrl);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(url.searchParams.get('redirect_uri'), REDIRECT_URL);
    assert.equal(url.searchParams.get('scope'), 'api:read offline_access');

    const done = await consent('crm');
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'Connected');
    assert.equal(typeof done.body.tokenExpiresAt, 'string');
    const id = done.body.id as string;
    const vault = await vaultRead(f.infra, id);
    assert.deepEqual(Object.keys(vault.data!).sort(), [
      'accessToken',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'scope',
    ]);
    assert.equal(vault.data!.scope, 'api:read', 'the scopes the provider granted');
    for (const token of [vault.data!.accessToken!, vault.data!.refreshToken!]) {
      assert.ok(!JSON.stringify(done.body).includes(token), 'no token in the API answer');
      const rows = await f.db.query(
        `SELECT 1 FROM connection_store.connections c WHERE c.id = $1 AND row_to_json(c)::text LIKE '%' || $2 || '%'`,
        [id, token],
      );
      assert.equal(rows.rowCount, 0, 'no token in Postgres');
    }
  });

  it('refuses a consent callback that is replayed or made up', async () => {
    const started = await http(f.store, 'POST', `/api/connections/crm/oauth/consent${q}`);
    const landed = await provider.consent(started.body.consentUrl as string);
    // The user never gets here twice: the first answer is 200 only if the code was fresh.
    assert.equal((await http(f.store, 'GET', `/api/oauth/callback${landed.search}`)).status, 200);
    const replay = await http(f.store, 'GET', `/api/oauth/callback${landed.search}`);
    assert.equal(replay.status, 400);
    assert.equal((replay.body.error as Json).code, 'OAUTH_CONSENT_INVALID');
    const missing = await http(f.store, 'GET', '/api/oauth/callback?code=abc');
    assert.equal(missing.status, 400);
    assert.deepEqual(
      ((missing.body.error as Json).problems as { path: string }[]).map((p) => p.path),
      ['query.state'],
    );
  });

  it('resolves to the access token only (never the refresh token or client secret), without a refresh', async () => {
    const before = calls('refresh_token');
    const resolved = await resolveOn(f.store, 'crm');
    assert.equal(resolved.authType, 'oauth2');
    const secrets = JSON.parse(resolved.secretsJson) as Record<string, string>;
    assert.deepEqual(Object.keys(secrets), ['accessToken']);
    assert.equal(secrets.accessToken, (await vaultRead(f.infra, resolved.connectionId)).data!.accessToken);
    assert.equal(calls('refresh_token'), before);
  });

  it('50 parallel resolves of a token about to expire make exactly one refresh call, with the rotated token stored', async () => {
    const id = await connectionId('crm');
    const old = (await vaultRead(f.infra, id)).data!;
    await expireSoon('crm');
    const before = calls('refresh_token');
    const resolved = await Promise.all(Array.from({ length: 50 }, () => resolveOn(f.store, 'crm')));
    assert.equal(calls('refresh_token') - before, 1, 'one refresh call at the provider');
    const now = (await vaultRead(f.infra, id)).data!;
    assert.notEqual(now.accessToken, old.accessToken);
    assert.notEqual(now.refreshToken, old.refreshToken, 'the provider rotated the refresh token');
    const tokens = new Set(
      resolved.map((r) => (JSON.parse(r.secretsJson) as { accessToken: string }).accessToken),
    );
    assert.deepEqual([...tokens], [now.accessToken]);
    // The rotated-away refresh token is dead at the provider; only the stored one works.
    const reuse = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${provider.clientId}:${provider.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old.refreshToken! }),
    });
    assert.equal(reuse.status, 400);
    assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
  });

  it('two replicas resolving at once still make exactly one refresh call', async () => {
    const replica = await startStore({
      databaseUrl: f.infra.databaseUrl,
      vaultAddr: f.infra.vaultAddr,
      vaultToken: f.infra.vaultToken,
      config: { oauth: OAUTH_CONFIG },
    });
    try {
      // The reuse check above made oidc-provider revoke the whole grant (reuse detection): consent again.
      assert.equal((await consent('crm')).status, 200);
      await expireSoon('crm');
      const before = calls('refresh_token');
      const resolved = await Promise.all(
        Array.from({ length: 50 }, (_, i) => resolveOn(i % 2 === 0 ? f.store : replica, 'crm')),
      );
      assert.equal(resolved.length, 50);
      assert.equal(calls('refresh_token') - before, 1);
    } finally {
      await replica.app.close();
    }
  });

  it('the background refresher renews a token ahead of its expiry', async () => {
    await expireSoon('crm');
    const before = calls('refresh_token');
    const expiringAt = (await http(f.store, 'GET', `/api/connections/crm${q}`)).body.tokenExpiresAt as string;
    await f.store.app.get(OAuthTokenRefresher).sweep();
    assert.equal(calls('refresh_token') - before, 1);
    const renewed = (await http(f.store, 'GET', `/api/connections/crm${q}`)).body.tokenExpiresAt as string;
    assert.ok(renewed > expiringAt, `${renewed} is later than ${expiringAt}`);
  });

  it('a revoked grant makes the connection Unauthenticated, publishes an event, and resolves ask to reconnect', async () => {
    const id = await connectionId('crm');
    await provider.revoke((await vaultRead(f.infra, id)).data!.refreshToken!);
    await expireSoon('crm');
    await assert.rejects(resolveOn(f.store, 'crm'), (error: unknown) => {
      const e = grpcError(error);
      assert.equal(e.code, grpc.status.FAILED_PRECONDITION);
      assert.equal(
        e.details,
        "connection 'crm' is not authenticated (the provider refused the token refresh (invalid_grant)); reconnect this connection",
      );
      assert.equal(e.metadata.get('patchbay-error-code')[0], 'CONNECTION_RECONNECT_REQUIRED');
      return true;
    });
    const view = await http(f.store, 'GET', `/api/connections/crm${q}`);
    assert.equal(view.body.status, 'Unauthenticated');
    const event = await waitFor(
      () =>
        events.records.find(
          (r) => r.key === id && (r.value as { status?: string } | null)?.status === 'Unauthenticated',
        ),
      { timeoutMs: 20_000, description: 'connection.changed Unauthenticated on Kafka' },
    );
    assert.deepEqual(
      { ...(event.value as Json), changedAt: 'x' },
      {
        connectionId: id,
        namespace: f.namespace,
        name: 'crm',
        connectorId: 'http',
        status: 'Unauthenticated',
        statusReason: 'the provider refused the token refresh (invalid_grant)',
        changedAt: 'x',
      },
    );
    assert.equal(event.headers.ce_type, 'dev.patchbay.connection.changed.v1');
    // Still refused without asking the provider again, until a user reconnects.
    const before = calls('refresh_token');
    await assert.rejects(resolveOn(f.store, 'crm'), /reconnect this connection/);
    assert.equal(calls('refresh_token'), before);
    assert.equal((await consent('crm')).body.status, 'Connected');
    await resolveOn(f.store, 'crm');
  });

  it('client credentials: fetches a token at first use, reuses it, and recovers after a new client secret', async () => {
    const created = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'm2m',
      connectorId: 'http',
      authType: 'oauth2ClientCredentials',
      parameters: { tokenUrl: provider.tokenUrl, clientId: provider.clientId, scopes: ['api:read'] },
      secrets: { clientSecret: 'wrong-secret' },
    });
    assert.equal(created.status, 201);
    await http(f.store, 'POST', `/api/connections/m2m/links${q}`, { workflowId });
    await assert.rejects(
      resolveOn(f.store, 'm2m'),
      /refused the token refresh \(invalid_client\)\); reconnect/,
    );
    assert.equal((await http(f.store, 'GET', `/api/connections/m2m${q}`)).body.status, 'Unauthenticated');

    const fixed = await http(f.store, 'PATCH', `/api/connections/m2m${q}`, {
      secrets: { clientSecret: provider.clientSecret },
    });
    assert.equal(fixed.status, 200);
    assert.equal(fixed.body.status, 'Connected');
    const before = calls('client_credentials');
    const first = await resolveOn(f.store, 'm2m');
    const second = await resolveOn(f.store, 'm2m');
    assert.equal(calls('client_credentials') - before, 1);
    assert.equal(first.secretsJson, second.secretsJson);
    assert.deepEqual(Object.keys(JSON.parse(first.secretsJson) as object), ['accessToken']);
  });

  it('answers an OAuth connection without its provider settings with one problem per field', async () => {
    const answer = await http(f.store, 'POST', `/api/connections${q}`, {
      name: 'half',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: { tokenUrl: 'not a url', scopes: 'api' },
      secrets: { refreshToken: 'no' },
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(
      ((answer.body.error as Json).problems as { path: string }[]).map((p) => p.path),
      [
        'body.parameters.authorizationUrl',
        'body.parameters.tokenUrl',
        'body.parameters.clientId',
        'body.parameters.scopes',
        'body.secrets.refreshToken',
      ],
    );
    const consentOfApiKey = await http(f.store, 'POST', `/api/connections/m2m/oauth/consent${q}`);
    assert.equal(consentOfApiKey.status, 409);
    assert.equal((consentOfApiKey.body.error as Json).code, 'OAUTH_NOT_APPLICABLE');
  });

  it('never logged a token or the client secret', async () => {
    const id = await connectionId('crm');
    const vault = (await vaultRead(f.infra, id)).data!;
    const log = f.store.lines.join('');
    for (const value of [vault.accessToken!, vault.refreshToken!, provider.clientSecret]) {
      assert.ok(!log.includes(value));
    }
  });
});
