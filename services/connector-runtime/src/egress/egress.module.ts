import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { EgressGuard } from './egress-guard.js';
import { EgressPolicy } from '@patchbay/egress';

/** Closes the guard's HTTP dispatchers when the service stops. */
@Injectable()
class EgressShutdown implements OnApplicationShutdown {
  constructor(private readonly guard: EgressGuard) {}
  async onApplicationShutdown(): Promise<void> {
    await this.guard.close();
  }
}

/** Egress rules (the firewall) and the checked network every connector operation gets. */
@Module({
  providers: [
    {
      provide: EgressGuard,
      inject: [CONNECTOR_RUNTIME_CONFIG],
      useFactory: (config: ConnectorRuntimeConfig) =>
        new EgressGuard(new EgressPolicy(config.egress.rules), Math.min(30_000, config.http.actionTimeoutMs)),
    },
    EgressShutdown,
  ],
  exports: [EgressGuard],
})
export class EgressModule {}
