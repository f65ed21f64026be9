import { Module } from '@nestjs/common';
import {
  CONNECTION_STORE_CONFIG,
  oauthSettings,
  type ConnectionStoreConfig,
} from '../config/connection-store.config.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { EventsModule } from '../events/events.module.js';
import { OAuthClient } from './oauth-client.js';
import { OAuthConsentService } from './oauth-consent.service.js';
import { OAuthTokenRefresher } from './oauth-token.refresher.js';
import { OAuthController } from './oauth.controller.js';

/** Upper bound of one call to a provider's token endpoint. */
const OAUTH_REQUEST_TIMEOUT_MS = 10_000;

/** OAuth2 consent, code exchange and token refresh. */
@Module({
  imports: [ConnectionsModule, EventsModule],
  controllers: [OAuthController],
  providers: [
    {
      provide: OAuthClient,
      inject: [CONNECTION_STORE_CONFIG],
      useFactory: (config: ConnectionStoreConfig) =>
        new OAuthClient({ allowHttp: oauthSettings(config).allowHttp, timeoutMs: OAUTH_REQUEST_TIMEOUT_MS }),
    },
    OAuthConsentService,
    OAuthTokenRefresher,
  ],
  exports: [OAuthTokenRefresher],
})
export class OAuthModule {}
