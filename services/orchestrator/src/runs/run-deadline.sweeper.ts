import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { LOGGER } from '../tokens.js';
import { RunCoordinator, type AdvanceOutcome } from './run-coordinator.service.js';

/** Runs cancelled per sweep at most (the next sweep takes the rest). */
const BATCH = 100;

/** How often to look for overdue runs: a tenth of the limit, between one second and one minute. */
export function sweepIntervalMs(maxDurationMs: number): number {
  return Math.min(60_000, Math.max(1_000, Math.floor(maxDurationMs / 10)));
}

/** The reason overdue runs are cancelled with, as their unfinished actions show it. */
export function overdueReason(maxDurationMs: number): string {
  return (
    `The run exceeded the maximum run duration (PATCHBAY_RUN_MAX_DURATION, ${maxDurationMs} ms) ` +
    'and was cancelled.'
  );
}

/**
 * Enforces PATCHBAY_RUN_MAX_DURATION, as Logic Apps enforces its run duration limit: runs still Running or
 * Waiting that started longer ago than the limit are cancelled (see RunCoordinator.cancelRun), which publishes
 * their run.finished, so a run that would never finish (a callback that never comes, a stuck loop) cannot hold
 * its trigger's concurrency slot forever. A sweep rather than a timer per run: it covers runs started before the
 * setting existed or changed. Every replica sweeps; the run lock makes a run end once.
 */
@Injectable()
export class RunDeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly coordinator: RunCoordinator,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'run duration sweep failed; will retry'))
        .finally(() => (this.sweeping = undefined));
    }, sweepIntervalMs(this.config.PATCHBAY_RUN_MAX_DURATION));
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Cancels the runs past the limit now (a run that fails to cancel is left to the next sweep); answers how many it cancelled. */
  async sweep(): Promise<number> {
    const limit = this.config.PATCHBAY_RUN_MAX_DURATION;
    const overdue = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM runs WHERE status IN ('Running', 'Waiting')
         AND started_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY started_at LIMIT ${BATCH}`,
      [limit],
    );
    let cancelled = 0;
    for (const { id } of overdue) {
      let outcome: AdvanceOutcome;
      try {
        outcome = await this.coordinator.cancelRun(id, overdueReason(limit));
      } catch (error) {
        // One run that cannot be cancelled now must not hold back the overdue runs after it.
        this.logger.warn({ err: error, runId: id }, 'could not cancel an overdue run; next sweep retries');
        continue;
      }
      if (outcome !== 'advanced') continue;
      cancelled += 1;
      this.logger.warn(
        { runId: id, maxDurationMs: limit },
        'run exceeded the maximum run duration: cancelled',
      );
    }
    return cancelled;
  }
}
