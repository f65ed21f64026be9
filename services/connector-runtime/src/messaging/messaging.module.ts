import { Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { DependencyUnavailableError, EventPublisher, ReadinessRegistry } from '@patchbay/platform';
import { ExecutionModule } from '../execution/execution.module.js';
import { ActionRequestedHandler } from './action-requested.handler.js';
import { KAFKA } from './kafka.tokens.js';

/** Registers `kafka` with the readiness checks (admin describeCluster) and closes the clients at shutdown. */
@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  private admin?: Admin;
  private connecting?: Promise<void>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly publisher: EventPublisher,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('kafka', async () => {
      this.admin ??= this.kafka.admin();
      const admin = this.admin;
      this.connecting ??= admin.connect().catch((error: unknown) => {
        this.connecting = undefined;
        throw error;
      });
      await this.connecting;
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0)
        throw new DependencyUnavailableError('no Kafka broker in the cluster metadata');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
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
