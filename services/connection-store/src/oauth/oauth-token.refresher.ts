import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@patchbay/platform';
import {
  CONNECTION_STORE_CONFIG,
  oauthSettings,
  type ConnectionStoreConfig,
} from '../config/connection-store.config.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionNotFoundError } from '../connections/connection-errors.js';
import type { ConnectionRecord } from '../connections/connection.types.js';
import { SecretReplacement } from '../connections/secret-replacement.service.js';
import { ConnectionLock } from '../database/connection-lock.js';
import { ConnectionStatusRepository } from '../database/connection-status.repository.js';
import { ConnectionRepository } from '../database/connection.repository.js';
import { ConnectionEventsRelay } from '../events/connection-events.relay.js';
import { VaultKvClient } from '../vault/vault-kv.client.js';
import { OAuthClient, type OAuthTokens } from './oauth-client.js';
import { ConnectionReconnectRequiredError, OAuthGrantRejectedError } from './oauth-errors.js';
import { endpointsOf, oauthSecrets } from './oauth-parameters.js';

const SWEEP_BATCH = 50;

/**
 * Keeps OAuth access tokens fresh. A token expiring within OAUTH_REFRESH_AHEAD_SECONDS is renewed, by the
 * background sweep or by the resolve that finds it so. Single-flight at two levels: callers in this process
 * share one refresh per connection, and replicas take a Postgres advisory lock per connection, re-reading
 * the row under it (another replica may just have refreshed). The new tokens, a rotated refresh token
 * included, are one new Vault version (SecretReplacement, rolling forward after a crash). A refusal
 * (`invalid_grant`, revoked consent) sets the connection `Unauthenticated` and publishes
 * `connection.changed`; resolves then fail with "reconnect this connection".
 */
@Injectable()
export class OAuthTokenRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly refreshes: Counter<'outcome'>;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly connections: ConnectionRepository,
    private readonly statuses: ConnectionStatusRepository,
    private readonly replacement: SecretReplacement,
    private readonly lock: ConnectionLock,
    private readonly vault: VaultKvClient,
    private readonly oauth: OAuthClient,
    private readonly relay: ConnectionEventsRelay,
    @Inject(CONNECTION_STORE_CONFIG) private readonly config: ConnectionStoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: Registry,
  ) {
    this.refreshes = new Counter({
      name: 'patchbay_oauth_token_refreshes_total',
      help: 'OAuth token requests to providers by outcome (Refreshed, Rejected, Failed).',
      labelNames: ['outcome'],
      registers: [metrics],
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'OAuth refresh sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, oauthSettings(this.config).refreshIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** A usable access token for `record`, renewed first if it expires soon. */
  async accessTokenFor(record: ConnectionRecord): Promise<string> {
    if (this.isFresh(record)) {
      const secrets = await this.vault.readSecrets(record.id, record.secretVersion ?? undefined);
      if (secrets?.accessToken !== undefined) return secrets.accessToken;
    }
    return this.refreshShared(record.id);
  }

  /** Renews every connected token that expires within the refresh-ahead window. */
  async sweep(): Promise<void> {
    const before = new Date(Date.now() + oauthSettings(this.config).refreshAheadSeconds * 1000);
    for (const record of await this.connections.findTokensExpiringBefore(before, SWEEP_BATCH)) {
      try {
        await this.refreshShared(record.id);
      } catch (error) {
        this.logger.warn({ err: error, connectionId: record.id }, 'OAuth token refresh failed');
      }
    }
  }

  private isFresh(record: ConnectionRecord): boolean {
    const ahead = oauthSettings(this.config).refreshAheadSeconds * 1000;
    return record.tokenExpiresAt !== null && record.tokenExpiresAt.getTime() > Date.now() + ahead;
  }

  private refreshShared(connectionId: string): Promise<string> {
    let shared = this.inFlight.get(connectionId);
    if (shared === undefined) {
      shared = this.lock
        .withLock('oauth-refresh', connectionId, () => this.refreshLocked(connectionId))
        .finally(() => this.inFlight.delete(connectionId));
      this.inFlight.set(connectionId, shared);
    }
    return shared;
  }

  /** Runs under the connection's advisory lock: re-reads, and only asks the provider if still needed. */
  private async refreshLocked(connectionId: string): Promise<string> {
    const record = await this.connections.findById(connectionId);
    if (record === undefined || record.status === 'Pending' || record.status === 'Deleting') {
      throw new ConnectionNotFoundError(record?.namespace ?? '?', record?.name ?? connectionId);
    }
    if (record.status === 'Unauthenticated') {
      throw new ConnectionReconnectRequiredError(record.name, record.statusReason ?? 'no tokens');
    }
    const secrets = (await this.vault.readSecrets(record.id, record.secretVersion ?? undefined)) ?? {};
    if (this.isFresh(record) && secrets.accessToken !== undefined) return secrets.accessToken;

    let tokens: OAuthTokens;
    try {
      tokens = await this.requestTokens(record, secrets);
    } catch (error) {
      if (error instanceof OAuthGrantRejectedError) {
        this.refreshes.inc({ outcome: 'Rejected' });
        const reason = `the provider refused the token refresh (${error.oauthError})`;
        await this.statuses.setStatusWithEvent(record, 'Unauthenticated', reason, new Date());
        this.relay.wake();
        this.logger.warn(
          {
            connectionId: record.id,
            namespace: record.namespace,
            name: record.name,
            oauthError: error.oauthError,
          },
          'OAuth grant refused; connection needs reconnecting',
        );
        throw new ConnectionReconnectRequiredError(record.name, reason);
      }
      this.refreshes.inc({ outcome: 'Failed' });
      throw error;
    }
    this.refreshes.inc({ outcome: 'Refreshed' });
    await this.replacement.replace(
      record,
      oauthSecrets(secrets.clientSecret, tokens, secrets.refreshToken),
      { tokenExpiresAt: tokens.expiresAt },
      { status: 'Connected', statusReason: null, rollForward: true },
    );
    this.logger.info(
      {
        connectionId: record.id,
        expiresAt: tokens.expiresAt.toISOString(),
        rotated: tokens.refreshToken !== undefined,
      },
      'OAuth token refreshed',
    );
    return tokens.accessToken;
  }

  private async requestTokens(
    record: ConnectionRecord,
    secrets: Record<string, string>,
  ): Promise<OAuthTokens> {
    const endpoints = endpointsOf(record);
    if (record.authType === 'oauth2ClientCredentials') {
      if (secrets.clientSecret === undefined)
        throw new OAuthGrantRejectedError('invalid_client', 'no client secret');
      return this.oauth.clientCredentials(endpoints, secrets.clientSecret);
    }
    if (secrets.refreshToken === undefined) {
      throw new OAuthGrantRejectedError('invalid_grant', 'the provider issued no refresh token');
    }
    return this.oauth.refresh(endpoints, secrets.clientSecret, secrets.refreshToken);
  }
}
