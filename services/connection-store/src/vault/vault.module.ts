import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@patchbay/platform';
import { VaultKvClient, type VaultKvClientOptions } from './vault-kv.client.js';

/** Registers `vault` with the readiness checks (`sys/health`: initialized and unsealed). */
@Injectable()
class VaultReadiness implements OnModuleInit {
  constructor(
    @Inject(VaultKvClient) private readonly vault: VaultKvClient,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('vault', () => this.vault.checkHealth());
  }
}

/** Vault KV v2 access. connection-store is the only Patchbay service that talks to Vault. */
@Module({})
export class VaultModule {
  static forRoot(options: VaultKvClientOptions): DynamicModule {
    return {
      module: VaultModule,
      global: true,
      providers: [{ provide: VaultKvClient, useValue: new VaultKvClient(options) }, VaultReadiness],
      exports: [VaultKvClient],
    };
  }
}
