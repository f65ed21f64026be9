import type { OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DependencyUnavailableError } from '../errors/platform-error.js';
import { kafkaReadiness, type KafkaReadiness } from '../kafka/kafka-readiness.js';
import { ReadinessRegistry } from './readiness.registry.js';

class KafkaReadinessHook implements OnModuleInit, OnApplicationShutdown {
  private readonly check: KafkaReadiness;

  constructor(
    private readonly readiness: ReadinessRegistry,
    kafka: Kafka,
  ) {
    this.check = kafkaReadiness(kafka);
  }

  onModuleInit(): void {
    this.readiness.register('kafka', this.check.check);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.check.close();
  }
}

class PostgresReadinessHook implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.readiness.register('postgres', async () => {
      try {
        await this.dataSource.query('SELECT 1');
      } catch (error) {
        throw new DependencyUnavailableError('Postgres does not answer', [], { cause: error });
      }
    });
  }
}

/** `/readyz` passes only while the Kafka cluster answers a metadata request. */
export function kafkaReadinessProvider(kafka: Kafka): Provider {
  return {
    provide: KafkaReadinessHook,
    useFactory: (readiness: ReadinessRegistry) => new KafkaReadinessHook(readiness, kafka),
    inject: [ReadinessRegistry],
  };
}

/** `/readyz` passes only while the service's TypeORM data source answers `SELECT 1`. */
export function postgresReadinessProvider(): Provider {
  return {
    provide: PostgresReadinessHook,
    useFactory: (readiness: ReadinessRegistry, dataSource: DataSource) =>
      new PostgresReadinessHook(readiness, dataSource),
    inject: [ReadinessRegistry, DataSource],
  };
}
