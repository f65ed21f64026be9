import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import {
  CONNECTION_STORE_CONFIG,
  oauthSettings,
  type ConnectionStoreConfig,
} from '../config/connection-store.config.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionNotFoundError } from '../connections/connection-errors.js';
import { toConnectionView, type ConnectionView } from '../connections/connection.types.js';
import { SecretReplacement } from '../connections/secret-replacement.service.js';
import { ConnectionLinkRepository } from '../database/connection-link.repository.js';
import { ConnectionStatusRepository } from '../database/connection-status.repository.js';
import { ConnectionRepository, SETTLED_STATUSES } from '../database/connection.repository.js';
import { OAuthConsentRepository } from '../database/oauth-consent.repository.js';
import { ConnectionEventsRelay } from '../events/connection-events.relay.js';
import { VaultKvClient } from '../vault/vault-kv.client.js';
import { OAuthClient } from './oauth-client.js';
import {
  OAuthConsentInvalidError,
  OAuthGrantRejectedError,
  OAuthNotApplicableError,
} from './oauth-errors.js';
import { endpointsOf, oauthSecrets } from './oauth-parameters.js';

/** How long a consent URL stays usable. */
const CONSENT_TTL_MS = 10 * 60_000;

/** What `POST /api/connections/:name/oauth/consent` answers. */
export interface ConsentStart {
  consentUrl: string;
  expiresAt: string;
}

/** The query the provider sends the user back with. */
export interface ConsentCallback {
  state: string;
  code?: string;
  error?: string;
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/**
 * OAuth2 authorization code with PKCE: hands out consent URLs and completes them at the callback, where the
 * code is exchanged and only the tokens (access, refresh, expiry, scopes) go to Vault as a new version.
 */
@Injectable()
export class OAuthConsentService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly links: ConnectionLinkRepository,
    private readonly consents: OAuthConsentRepository,
    private readonly statuses: ConnectionStatusRepository,
    private readonly replacement: SecretReplacement,
    private readonly vault: VaultKvClient,
    private readonly oauth: OAuthClient,
    private readonly relay: ConnectionEventsRelay,
    @Inject(CONNECTION_STORE_CONFIG) private readonly config: ConnectionStoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(namespace: string, name: string): Promise<ConsentStart> {
    const record = await this.connections.findByName(namespace, name);
    if (record === undefined || !SETTLED_STATUSES.includes(record.status))
      throw new ConnectionNotFoundError(namespace, name);
    if (record.authType !== 'oauth2AuthorizationCode') {
      throw new OAuthNotApplicableError(
        `connection '${name}' uses authType '${record.authType}'; only 'oauth2AuthorizationCode' has a consent`,
      );
    }
    const secrets = await this.vault.readSecrets(record.id, record.secretVersion ?? undefined);
    const state = oidc.randomState();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const redirectUri = oauthSettings(this.config).redirectUrl;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + CONSENT_TTL_MS);
    const url = await this.oauth.consentUrl(endpointsOf(record), secrets?.clientSecret, {
      redirectUri,
      state,
      codeVerifier,
    });
    await this.consents.insert({
      stateHash: hashState(state),
      connectionId: record.id,
      codeVerifier,
      redirectUri,
      createdAt: now,
      expiresAt,
    });
    this.logger.info({ connectionId: record.id, namespace, name }, 'OAuth consent started');
    return { consentUrl: url.href, expiresAt: expiresAt.toISOString() };
  }

  /** Completes a consent: exchanges the code and stores the tokens. The consent works once. */
  async complete(callback: ConsentCallback): Promise<ConnectionView> {
    const consent = await this.consents.take(hashState(callback.state));
    if (consent === undefined || consent.expiresAt.getTime() < Date.now()) {
      throw new OAuthConsentInvalidError(
        'this consent is unknown, already used or expired; start a new one with POST /api/connections/:name/oauth/consent',
      );
    }
    const record = await this.connections.findById(consent.connectionId);
    if (record === undefined || !SETTLED_STATUSES.includes(record.status)) {
      throw new OAuthConsentInvalidError('the connection of this consent no longer exists');
    }
    if (callback.error !== undefined) {
      const reason = `consent refused at the provider (${callback.error})`;
      await this.statuses.setStatusWithEvent(record, 'Unauthenticated', reason, new Date());
      this.relay.wake();
      throw new OAuthGrantRejectedError(callback.error, `connection '${record.name}': ${reason}`);
    }
    const previous = await this.vault.readSecrets(record.id, record.secretVersion ?? undefined);
    const callbackUrl = new URL(consent.redirectUri);
    callbackUrl.search = new URLSearchParams({ state: callback.state, code: callback.code ?? '' }).toString();
    const tokens = await this.oauth.exchangeCode(endpointsOf(record), previous?.clientSecret, callbackUrl, {
      state: callback.state,
      codeVerifier: consent.codeVerifier,
      redirectUri: consent.redirectUri,
    });
    await this.replacement.replace(
      record,
      oauthSecrets(previous?.clientSecret, tokens),
      { tokenExpiresAt: tokens.expiresAt },
      { status: 'Connected', statusReason: null, rollForward: true },
    );
    this.logger.info(
      { connectionId: record.id, namespace: record.namespace, name: record.name, scope: tokens.scope },
      'OAuth consent completed',
    );
    const current = await this.connections.findById(record.id);
    const linked = await this.links.workflowIdsOf([record.id]);
    return toConnectionView(current ?? record, linked.get(record.id) ?? []);
  }
}
