import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { EventPublisher, ObservabilityModule } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from './config/trigger-ingestion.config.js';
import { TriggerRegistry } from './registry/trigger-registry.js';
import { TriggerSwitches } from './lifecycle/trigger-switches.js';
import { TriggerRegistryLifecycle } from './registry/trigger-registry.lifecycle.js';
import { ResponseWaiter } from './responses/response-waiter.js';
import { WebhookController } from './webhooks/webhook.controller.js';
import { WebhookIntakeService } from './webhooks/webhook-intake.service.js';
import { KafkaReadiness } from './kafka.readiness.js';
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
      imports: [ObservabilityModule.forService('trigger-ingestion')],
      controllers: [WebhookController],
      providers: [
        { provide: TRIGGER_INGESTION_CONFIG, useValue: deps.config },
        { provide: KAFKA, useValue: deps.kafka },
        { provide: LOGGER, useValue: deps.logger },
        { provide: EventPublisher, useValue: deps.publisher },
        TriggerRegistry,
        TriggerSwitches,
        ResponseWaiter,
        TriggerRegistryLifecycle,
        WebhookIntakeService,
        KafkaReadiness,
      ],
    };
  }
}
