import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { ReadinessRegistry } from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import { VaultAuthenticator } from './vault-auth.js';
import { VaultKvClient, type VaultKvClientOptions } from './vault-kv.client.js';

/** Registers `vault` with the readiness checks (`sys/health`: initialized and unsealed). */
@Injectable()
class VaultReadiness implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(VaultKvClient) private readonly vault: VaultKvClient,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('vault', () => this.vault.checkHealth());
  }

  onApplicationShutdown(): void {
    this.vault.close();
  }
}

/**
 * Vault KV v2 access. connection-store is the only Patchbay service that talks to Vault. The client logs
 * in before the app starts (VAULT_AUTH_METHOD) and renews its token while it runs.
 */
@Module({})
export class VaultModule {
  static forRoot(options: VaultKvClientOptions): DynamicModule {
    return {
      module: VaultModule,
      global: true,
      providers: [
        {
          provide: VaultKvClient,
          inject: [LOGGER],
          useFactory: async (logger: Logger) => {
            const client = new VaultKvClient(options);
            await client.authenticate(options, logger);
            return client;
          },
        },
        {
          provide: VaultAuthenticator,
          inject: [VaultKvClient],
          useFactory: (client: VaultKvClient) => client.authenticator,
        },
        VaultReadiness,
      ],
      exports: [VaultKvClient, VaultAuthenticator],
    };
  }
}
