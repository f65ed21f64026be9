import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { kafkaReadiness, ReadinessRegistry, type KafkaReadiness as KafkaCheck } from '@patchbay/platform';
import { KAFKA } from './tokens.js';

/** Ready only while the Kafka cluster answers. */
@Injectable()
export class KafkaReadiness implements OnModuleInit, OnApplicationShutdown {
  private readonly kafkaCheck: KafkaCheck;

  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(KAFKA) kafka: Kafka,
  ) {
    this.kafkaCheck = kafkaReadiness(kafka);
  }

  onModuleInit(): void {
    this.readiness.register('kafka', this.kafkaCheck.check);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafkaCheck.close();
  }
}
