import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { LOGGER } from '../tokens.js';
import { RunCoordinator } from './run-coordinator.service.js';

/**
 * Fires due timers. Timers live in Postgres, so they survive restarts; replicas claim them with
 * `FOR UPDATE SKIP LOCKED`, and the coordinator deletes a timer in the transaction that handles it, so each
 * fires once.
 */
@Injectable()
export class RunTimerScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly coordinator: RunCoordinator,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.scan(), this.config.PATCHBAY_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async scan(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const due = await this.dataSource.query<{ run_id: string; timer_id: string }[]>(
        'SELECT run_id, timer_id FROM run_timers WHERE due_at <= now() ORDER BY due_at LIMIT 100',
      );
      for (const { run_id, timer_id } of due) await this.coordinator.fireTimer(run_id, timer_id);
    } catch (error) {
      this.logger.warn({ err: error }, 'timer scan failed; will retry');
    } finally {
      this.busy = false;
    }
  }
}
