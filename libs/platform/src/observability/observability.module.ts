import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityController } from './observability.controller.js';
import { openApiControllerFor } from '../openapi/openapi.controller.js';
import { ReadinessRegistry } from './readiness.registry.js';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.js';

/** Health, readiness and metrics endpoints for one service, and its OpenAPI document (`/api/openapi/<service>.json`). */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [ObservabilityController, openApiControllerFor(service)],
      providers: [ReadinessRegistry, { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(service) }],
      exports: [ReadinessRegistry, METRICS_REGISTRY],
    };
  }
}
