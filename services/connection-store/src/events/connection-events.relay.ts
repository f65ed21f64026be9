import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Topics, type TopicName } from '@patchbay/contracts';
import { createKafkaClient, ensureTopics, EventPublisher } from '@patchbay/platform';
import { SERVICE_NAME } from '../service-name.js';
import { CONNECTION_STORE_CONFIG, type ConnectionStoreConfig } from '../config/connection-store.config.js';
import { LOGGER } from '../config/logger.token.js';
import { ConnectionStatusRepository, type OutboxRow } from '../database/connection-status.repository.js';

const POLL_EVERY_MS = 500;
const BATCH = 100;

/**
 * Publishes the outbox (`connection.changed` events committed with their status change) to Kafka, with the
 * platform's idempotent, acks=all publisher. The CloudEvents id is the outbox row's, so a re-publish after a
 * crash is recognisable. Without KAFKA_BROKERS the events wait in the outbox (logged once at boot).
 */
@Injectable()
export class ConnectionEventsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private publisher?: EventPublisher;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly outbox: ConnectionStatusRepository,
    @Inject(CONNECTION_STORE_CONFIG) private readonly config: ConnectionStoreConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const brokers = this.config.kafkaBrokers;
    if (brokers === undefined || brokers.length === 0) {
      this.logger.warn('KAFKA_BROKERS is not set: connection events stay in the outbox until it is');
      return;
    }
    const kafka = createKafkaClient({
      clientId: SERVICE_NAME,
      brokers,
      security: this.config.kafkaSecurity,
      logger: this.logger,
    });
    await ensureTopics(kafka, [Topics.connectionChanged], this.config.kafkaTopicPartitions ?? 6);
    this.publisher = new EventPublisher(kafka, `/patchbay/${SERVICE_NAME}`);
    this.timer = setInterval(() => this.wake(), POLL_EVERY_MS);
    this.timer.unref();
    this.wake();
  }

  /** Publishes what is waiting now (also called right after a status change commits). */
  wake(): void {
    if (this.publisher === undefined) return;
    this.running ??= this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay failed; will try again'))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.publisher?.disconnect();
  }

  private async drain(): Promise<void> {
    const publisher = this.publisher!;
    while (
      (await this.outbox.relay(BATCH, (rows: OutboxRow[]) =>
        publisher.publishAll(
          rows.map((row) => ({
            topic: row.topic as TopicName,
            data: row.data as never,
            options: { key: row.key, id: row.eventId },
          })),
        ),
      )) === BATCH
    );
  }
}
