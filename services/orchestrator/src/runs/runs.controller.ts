import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '@patchbay/platform';
import { RunEntity } from '../persistence/run.entity.js';
import { RunActionEntity } from '../persistence/run-action.entity.js';
import { DefinitionCache } from '../engine/definition-cache.js';
import { RUN_ENGINE, type RunEngine } from '../engine/run-engine.port.js';
import { RunCoordinator } from './run-coordinator.service.js';

/** A cancel of a run that has ended already. HTTP 409. */
export class RunAlreadyEndedError extends ConflictError {
  override readonly code = 'RUN_ALREADY_ENDED';
}

/** Run history: status, per-action status, inputs and outputs (secure values redacted), times. */
@Controller('api')
export class RunsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionCache,
    @Inject(RUN_ENGINE) private readonly engine: RunEngine,
    private readonly coordinator: RunCoordinator,
  ) {}

  /**
   * Cancels a run that has not ended (as Logic Apps' cancel run): actions in flight are cancelled, unfinished
   * actions end Cancelled, the run ends Cancelled and its run.finished frees its trigger's concurrency slot.
   */
  @Post('runs/:id/cancel')
  @HttpCode(200)
  async cancel(@Param('id', ParseUUIDPipe) id: string): Promise<{ id: string; status: string }> {
    const outcome = await this.coordinator.cancelRun(id, 'The run was cancelled through the API.');
    if (outcome === 'unknown')
      throw new NotFoundError(`Run '${id}' does not exist (it may not have started yet).`);
    if (outcome === 'ended') {
      const run = await this.dataSource.manager.findOneByOrFail(RunEntity, { id });
      throw new RunAlreadyEndedError(
        `Run '${id}' has already ended (${run.status}): there is nothing to cancel.`,
      );
    }
    return { id, status: 'Cancelled' };
  }

  @Get('runs/:id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<unknown> {
    const manager = this.dataSource.manager;
    const run = await manager.findOneBy(RunEntity, { id });
    if (run === null) throw new NotFoundError(`Run '${id}' does not exist (it may not have started yet).`);
    const [pinned, finished] = await Promise.all([
      this.definitions.get(manager, run.workflowId, run.workflowVersion),
      manager.find(RunActionEntity, { where: { runId: id }, order: { seq: 'ASC' } }),
    ]);
    // The interpreter's view (latest result per action, redacted) under the run's own identity and times.
    const { runId: _runId, ...snapshot } = this.engine.snapshot(run.state, pinned.definition) as {
      runId?: string;
    };
    return {
      id: run.id,
      workflowId: run.workflowId,
      workflowVersion: run.workflowVersion,
      triggerName: run.triggerName,
      ...snapshot,
      status: run.status,
      startTime: run.startedAt.toISOString(),
      endTime: run.endedAt?.toISOString() ?? null,
      error: run.error ?? undefined,
      /** Every finished action instance (every loop pass), in the order they finished. */
      history: finished.map((row) => ({
        name: row.actionName,
        iterationPath: row.iterationPath,
        status: row.status,
        result: row.result,
      })),
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
