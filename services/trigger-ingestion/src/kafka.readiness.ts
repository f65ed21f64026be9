import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { ReadinessRegistry } from '@patchbay/platform';
import { KAFKA } from './tokens.js';

/** Ready only while the Kafka cluster answers. */
@Injectable()
export class KafkaReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  onModuleInit(): void {
    const admin = this.kafka.admin();
    let connected: Promise<void> | undefined;
    this.readiness.register('kafka', async () => {
      connected ??= admin.connect();
      await connected;
      await admin.describeCluster();
    });
  }
}
