import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@patchbay/platform';
import { RunEntity } from '../persistence/run.entity.js';
import { RUN_ENGINE, type RunEngine } from '../engine/run-engine.port.js';

/** Run history: status, per-action status, inputs and outputs (secure values redacted), times. */
@Controller('api')
export class RunsController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUN_ENGINE) private readonly engine: RunEngine,
  ) {}

  @Get('runs/:id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<unknown> {
    const run = await this.dataSource.manager.findOneBy(RunEntity, { id });
    if (run === null) throw new NotFoundError(`Run '${id}' does not exist (it may not have started yet).`);
    // The interpreter's view (per-action results, redacted) under the run's own identity and times.
    const { runId: _runId, ...history } = this.engine.history(run.state) as { runId?: string };
    return {
      id: run.id,
      workflowId: run.workflowId,
      workflowVersion: run.workflowVersion,
      triggerName: run.triggerName,
      ...history,
      status: run.status,
      startTime: run.startedAt.toISOString(),
      endTime: run.endedAt?.toISOString() ?? null,
      error: run.error ?? undefined,
    };
  }

  @Get('workflows/:id/runs')
  async list(@Param('id', ParseUUIDPipe) workflowId: string, @Query('top') top?: string): Promise<unknown[]> {
    const take = Math.min(Math.max(Number(top ?? 50) || 50, 1), 500);
    const runs = await this.dataSource.manager.find(RunEntity, {
      where: { workflowId },
      order: { startedAt: 'DESC' },
      take,
      select: {
        id: true,
        status: true,
        startedAt: true,
        endedAt: true,
        workflowVersion: true,
        triggerName: true,
      },
    });
    return runs.map((r) => ({
      id: r.id,
      status: r.status,
      workflowVersion: r.workflowVersion,
      triggerName: r.triggerName,
      startTime: r.startedAt.toISOString(),
      endTime: r.endedAt?.toISOString() ?? null,
    }));
  }
}
