import { Inject, Injectable } from '@nestjs/common';
import { Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@patchbay/platform';

/** Prometheus instruments of action execution. */
@Injectable()
export class ActionMetrics {
  private readonly durations: Histogram<'action_type' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.durations = new Histogram({
      name: 'patchbay_action_duration_seconds',
      help: 'Duration of connector action attempts, by action type and terminal status.',
      labelNames: ['action_type', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    });
  }

  /** `actionType` must come from the known set (or `unsupported`) to keep label cardinality bounded. */
  observe(actionType: string, status: string, seconds: number): void {
    this.durations.observe({ action_type: actionType, status }, seconds);
  }
}
