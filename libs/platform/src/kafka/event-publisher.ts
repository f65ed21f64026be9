import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import {
  encodeCloudEvent,
  EventCatalog,
  parseEventData,
  type EventData,
  type TopicName,
} from '@patchbay/contracts';
import { currentLogFields } from '../logging/log-context.js';
import { childTraceparent } from '../tracing/traceparent.js';

export interface PublishOptions {
  /** Partition key: the run id for run-scoped events. */
  key: string;
  /** CloudEvents subject; defaults to the key. */
  subject?: string;
  /** Parent trace context; defaults to the one of the message being handled. */
  traceparent?: string;
  /** CloudEvents id; a new UUID by default. Pass a stable id to let consumers deduplicate re-publishes. */
  id?: string;
}

export interface OutgoingEvent<T extends TopicName = TopicName> {
  topic: T;
  data: EventData<T>;
  options: PublishOptions;
}

/**
 * Publishes validated CloudEvents with an idempotent producer and acks from all in-sync replicas. A publish
 * resolves only once the broker has made the event durable: callers may then acknowledge their own input.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly source: string,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  async publish<T extends TopicName>(topic: T, data: EventData<T>, options: PublishOptions): Promise<void> {
    await this.publishAll([{ topic, data, options }]);
  }

  /** Publishes several events in one produce request per topic (one broker round trip when possible). */
  async publishAll(events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, ReturnType<typeof encodeCloudEvent>[]>();
    for (const { topic, data, options } of events) {
      const valid = parseEventData(topic, data);
      const record = encodeCloudEvent(
        {
          id: options.id ?? randomUUID(),
          source: this.source,
          type: EventCatalog[topic].type,
          time: new Date().toISOString(),
          subject: options.subject ?? options.key,
          traceparent: childTraceparent(options.traceparent ?? currentLogFields().traceparent),
          data: valid,
        },
        options.key,
      );
      const list = byTopic.get(topic) ?? [];
      list.push(record);
      byTopic.set(topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connected !== undefined) await this.producer.disconnect();
  }
}
