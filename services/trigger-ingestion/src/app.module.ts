import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  EventPublisher,
  kafkaReadinessProvider,
  ensureSchema,
  ObservabilityModule,
  typeormOptions,
  postgresReadinessProvider,
} from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from './config/trigger-ingestion.config.js';
import { TriggerRegistry } from './registry/trigger-registry.js';
import { TriggerRegistryLifecycle } from './registry/trigger-registry.lifecycle.js';
import { TriggerSwitches } from './lifecycle/trigger-switches.js';
import { TriggerSwitchesRefresher } from './lifecycle/trigger-switches.refresher.js';
import { TriggerAdminService } from './lifecycle/trigger-admin.service.js';
import { TriggerAdminController } from './lifecycle/trigger-admin.controller.js';
import { ResponseWaiter } from './responses/response-waiter.js';
import { WebhookController } from './webhooks/webhook.controller.js';
import { WebhookIntakeService } from './webhooks/webhook-intake.service.js';
import { ActionCallbackController } from './action-callbacks/action-callback.controller.js';
import { ActionCallbackIntakeService } from './action-callbacks/action-callback-intake.service.js';
import { DecisionLogRepository } from './persistence/decision-log.repository.js';
import { ScheduleRepository } from './persistence/schedule.repository.js';
import { TriggerSwitchRepository } from './persistence/trigger-switch.repository.js';
import {
  TRIGGER_INGESTION_MIGRATIONS,
  TRIGGER_INGESTION_SCHEMA,
} from './persistence/trigger-ingestion.persistence.js';
import { ScheduleSync } from './schedules/schedule-sync.js';
import { ScheduleWorker } from './schedules/schedule-worker.js';
import { PollRepository } from './persistence/poll.repository.js';
import { PollSync } from './polling/poll-sync.js';
import { PollWorker } from './polling/poll-worker.js';
import { PollCompletionService } from './polling/poll-completion.service.js';
import { PollCompletedHandler } from './polling/poll-completed.handler.js';
import { KafkaBatchRepository } from './persistence/kafka-batch.repository.js';
import { KafkaTriggerManager } from './kafka-trigger/kafka-trigger.manager.js';
import { RunGateRepository } from './persistence/run-gate.repository.js';
import { FiringGate } from './concurrency/firing-gate.js';
import { RunFinishedHandler } from './concurrency/run-finished.handler.js';
import { WebhookSubscriptionRepository } from './persistence/webhook-subscription.repository.js';
import { CallbackUrlProvider } from './webhook-triggers/callback-url.provider.js';
import { WebhookSubscriptionSync } from './webhook-triggers/webhook-subscription.sync.js';
import { WebhookSubscriptionWorker } from './webhook-triggers/webhook-subscription.worker.js';
import { WebhookSubscriptionCompletionService } from './webhook-triggers/webhook-subscription-completion.service.js';
import { WebhookSubscriptionCompletedHandler } from './webhook-triggers/webhook-subscription-completed.handler.js';
import { ROUTING_PROVIDERS } from './routing/routing.providers.js';
import { KAFKA, LOGGER } from './tokens.js';

export interface TriggerIngestionDeps {
  config: TriggerIngestionConfig;
  kafka: Kafka;
  publisher: EventPublisher;
  logger: Logger;
}

@Module({})
export class TriggerIngestionModule {
  static create(deps: TriggerIngestionDeps): DynamicModule {
    return {
      module: TriggerIngestionModule,
      imports: [
        ObservabilityModule.forService('trigger-ingestion'),
        TypeOrmModule.forRootAsync({
          // The schema must exist before TypeORM looks for its migrations table in it.
          useFactory: async () => {
            await ensureSchema(deps.config.DATABASE_URL, TRIGGER_INGESTION_SCHEMA);
            return typeormOptions({
              url: deps.config.DATABASE_URL,
              schema: TRIGGER_INGESTION_SCHEMA,
              entities: [],
              migrations: TRIGGER_INGESTION_MIGRATIONS,
              poolSize: deps.config.DATABASE_POOL_SIZE,
            });
          },
        }),
      ],
      controllers: [
        WebhookController,
        ActionCallbackController,
        TriggerAdminController,
        PollCompletedHandler,
        RunFinishedHandler,
        WebhookSubscriptionCompletedHandler,
      ],
      providers: [
        { provide: TRIGGER_INGESTION_CONFIG, useValue: deps.config },
        { provide: KAFKA, useValue: deps.kafka },
        { provide: LOGGER, useValue: deps.logger },
        { provide: EventPublisher, useValue: deps.publisher },
        TriggerRegistry,
        TriggerSwitches,
        TriggerSwitchRepository,
        TriggerSwitchesRefresher,
        DecisionLogRepository,
        ScheduleRepository,
        ScheduleSync,
        ScheduleWorker,
        PollRepository,
        PollSync,
        ...ROUTING_PROVIDERS,
        PollWorker,
        PollCompletionService,
        KafkaBatchRepository,
        KafkaTriggerManager,
        RunGateRepository,
        FiringGate,
        WebhookSubscriptionRepository,
        CallbackUrlProvider,
        WebhookSubscriptionSync,
        WebhookSubscriptionWorker,
        WebhookSubscriptionCompletionService,
        TriggerAdminService,
        ResponseWaiter,
        TriggerRegistryLifecycle,
        WebhookIntakeService,
        ActionCallbackIntakeService,
        kafkaReadinessProvider(deps.kafka),
        postgresReadinessProvider(),
      ],
    };
  }
}
