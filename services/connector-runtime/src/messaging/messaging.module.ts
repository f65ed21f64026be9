import { Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { EventPublisher, kafkaReadiness, ReadinessRegistry, type KafkaReadiness } from '@patchbay/platform';
import { ExecutionModule } from '../execution/execution.module.js';
import { ActionRequestedHandler } from './action-requested.handler.js';
import { KAFKA } from './kafka.tokens.js';

/** Registers `kafka` with the readiness checks and closes the clients at shutdown. */
@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly kafkaCheck: KafkaReadiness;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: EventPublisher,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.kafkaCheck = kafkaReadiness(kafka);
  }

  onModuleInit(): void {
    this.readiness.register('kafka', this.kafkaCheck.check);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafkaCheck.close();
    await this.publisher.disconnect();
  }
}

/** The Kafka edge: the action.requested handler and the publisher of action.completed. */
@Module({
  imports: [ExecutionModule],
  controllers: [ActionRequestedHandler],
  providers: [KafkaLifecycle],
})
export class MessagingModule {}
