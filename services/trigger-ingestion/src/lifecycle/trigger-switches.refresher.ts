import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { TriggerSwitchRepository } from '../persistence/trigger-switch.repository.js';
import { LOGGER } from '../tokens.js';
import { TriggerSwitches } from './trigger-switches.js';

const REFRESH_MS = 1_000;

/**
 * Reloads this replica's copy of the trigger switches every second, so a trigger disabled through any replica
 * refuses webhook calls everywhere within a second (schedules read the table itself when they claim).
 */
@Injectable()
export class TriggerSwitchesRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly switches: TriggerSwitches,
    private readonly repository: TriggerSwitchRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      this.switches.replace(await this.repository.disabled());
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reload trigger switches');
    }
  }
}
