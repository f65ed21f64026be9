import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { ReadinessRegistry } from './readiness.registry.js';
import { METRICS_REGISTRY } from './metrics.js';

interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): unknown;
}

/** `/healthz` (the process is alive), `/readyz` (its dependencies answer), `/metrics` (Prometheus). */
@Controller()
export class ObservabilityController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(METRICS_REGISTRY) private readonly metrics: Registry,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res() reply: ReplyLike): Promise<void> {
    const report = await this.readiness.run();
    reply.status(report.ready ? 200 : 503).send(report);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async prometheus(): Promise<string> {
    return this.metrics.metrics();
  }
}
