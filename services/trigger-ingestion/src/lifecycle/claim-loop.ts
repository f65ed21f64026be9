import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { BackgroundLoop } from './background-loop.js';

/**
 * The claim loop of a worker that shares due rows among the replicas (`SKIP LOCKED` claims): from boot to
 * shutdown it claims up to `PATCHBAY_SCHEDULE_BATCH_SIZE` rows per pass, goes on at once after a full batch and
 * waits `PATCHBAY_SCHEDULE_TICK_MS` otherwise (and after a failed pass). A worker may wait for a condition
 * (`ready`) and forget old rows now and then (`prune`, at most once per `pruneEveryMs`).
 */
export abstract class ClaimLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop?: BackgroundLoop;
  private lastPrune = 0;

  protected constructor(
    private readonly loopName: string,
    protected readonly config: TriggerIngestionConfig,
    protected readonly logger: Logger,
    private readonly pruneEveryMs = Infinity,
  ) {}

  /** Claims and handles up to `batch` due rows; returns how many were claimed. */
  protected abstract claim(batch: number): Promise<number>;

  /** Whether this replica may claim yet. */
  protected ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** Forgets rows past their retention. */
  protected prune(): Promise<void> {
    return Promise.resolve();
  }

  onApplicationBootstrap(): void {
    const batch = this.config.PATCHBAY_SCHEDULE_BATCH_SIZE;
    const tick = this.config.PATCHBAY_SCHEDULE_TICK_MS;
    this.loop = new BackgroundLoop(
      this.loopName,
      async () => {
        if (!(await this.ready())) return tick;
        const claimed = await this.claim(batch);
        if (Date.now() - this.lastPrune >= this.pruneEveryMs) {
          this.lastPrune = Date.now();
          await this.prune();
        }
        return claimed < batch ? tick : 0;
      },
      this.logger,
      tick,
    );
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
