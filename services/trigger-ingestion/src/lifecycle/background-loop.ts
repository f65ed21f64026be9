import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';

/**
 * Runs `pass` over and over from `start()` until `stop()`, which waits for the pass in progress. A pass returns
 * how long to pause before the next one (0: go on at once, e.g. after a full batch); a pass that throws is
 * logged and the loop goes on after `retryMs`. The claim loops of schedules, polls and queued runs share it.
 */
export class BackgroundLoop {
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<number>,
    private readonly logger: Logger,
    private readonly retryMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pauseMs: number;
      try {
        pauseMs = await this.pass();
      } catch (error) {
        this.logger.warn({ err: error }, `${this.name} failed; retrying`);
        pauseMs = this.retryMs;
      }
      if (pauseMs > 0 && this.running) await delay(pauseMs);
    }
  }
}
