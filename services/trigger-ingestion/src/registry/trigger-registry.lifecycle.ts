import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Topics } from '@patchbay/contracts';
import { BroadcastSubscriber, ReadinessRegistry } from '@patchbay/platform';
import { KAFKA, LOGGER } from '../tokens.js';
import { ResponseWaiter } from '../responses/response-waiter.js';
import { TriggerRegistry } from './trigger-registry.js';
import { ScheduleSync } from '../schedules/schedule-sync.js';
import { PollSync } from '../polling/poll-sync.js';
import { WebhookSubscriptionSync } from '../webhook-triggers/webhook-subscription.sync.js';

/**
 * Keeps this replica's trigger registry and the schedule and poll tables in step with `workflow.changed` and routes `run.response` events to the
 * callers waiting here. The replica is ready only once the registry has replayed the whole compacted topic.
 */
@Injectable()
export class TriggerRegistryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workflows: BroadcastSubscriber<typeof Topics.workflowChanged>;
  private readonly responses: BroadcastSubscriber<typeof Topics.runResponse>;
  private stopping = false;

  constructor(
    registry: TriggerRegistry,
    schedules: ScheduleSync,
    polls: PollSync,
    webhookSubscriptions: WebhookSubscriptionSync,
    waiter: ResponseWaiter,
    private readonly readiness: ReadinessRegistry,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.workflows = new BroadcastSubscriber({
      kafka,
      logger,
      topic: Topics.workflowChanged,
      groupPrefix: 'trigger-ingestion-registry',
      fromBeginning: true,
      onEvent: async (change) => {
        registry.apply(change);
        // A schedule change must not be skipped: retry (holding the partition) until Postgres takes it.
        for (let attempt = 0; ; attempt += 1) {
          try {
            await schedules.apply(change);
            await polls.apply(change);
            await webhookSubscriptions.apply(change);
            return;
          } catch (error) {
            if (this.stopping) throw error;
            logger.warn(
              { err: error, workflowId: change.workflowId, attempt },
              'schedule sync failed; retrying',
            );
            await delay(Math.min(5_000, 100 * 2 ** attempt));
          }
        }
      },
    });
    registry.useSync((timeoutMs) => this.workflows.syncToLatest(timeoutMs));
    this.responses = new BroadcastSubscriber({
      kafka,
      logger,
      topic: Topics.runResponse,
      groupPrefix: 'trigger-ingestion-responses',
      fromBeginning: false,
      onEvent: (response) => waiter.deliver(response),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('trigger-registry', async () => {
      if (!this.workflows.isCaughtUp())
        throw new Error('trigger registry is still replaying workflow.changed');
    });
    await Promise.all([this.workflows.start(), this.responses.start()]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.workflows.stop(), this.responses.stop()]);
  }
}
