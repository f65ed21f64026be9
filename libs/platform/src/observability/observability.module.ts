import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityController } from './observability.controller.js';
import { ReadinessRegistry } from './readiness.registry.js';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.js';

/** Health, readiness and metrics endpoints for one service. */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [ObservabilityController],
      providers: [ReadinessRegistry, { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(service) }],
      exports: [ReadinessRegistry, METRICS_REGISTRY],
    };
  }
}
