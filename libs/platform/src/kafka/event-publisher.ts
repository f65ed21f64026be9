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
  /**
   * Kafka topic to write to when it is not the contract topic itself: an execution environment's copy of a
   * request topic (`environmentTopic` in @patchbay/contracts). Schema and CloudEvents type stay the contract's.
   */
  destination?: string;
}

export interface OutgoingEvent<T extends TopicName = TopicName> {
  topic: T;
  data: EventData<T>;
  options: PublishOptions;
}

interface QueuedSend {
  records: { topic: string; message: ReturnType<typeof encodeCloudEvent> }[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Most events carried by one produce request (several callers' events are merged up to this). */
const MAX_BATCH = 500;

/**
 * Publishes validated CloudEvents with an idempotent producer and acks from all in-sync replicas. A publish
 * resolves only once the broker has made the event durable: callers may then acknowledge their own input.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;
  private readonly queue: QueuedSend[] = [];
  private sending = false;

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

  /**
   * Publishes several events; resolves once all are durable. Calls made while a send is in flight are merged
   * into the next send (group commit): the idempotent producer has one request in flight at a time, so under
   * load one broker round trip carries many callers' events instead of each caller waiting for its own.
   */
  async publishAll(events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.connect();
    // Encoding validates: a bad event fails its own caller at once and never joins a shared send.
    const records = events.map(({ topic, data, options }) => ({
      topic: options.destination ?? topic,
      message: encodeCloudEvent(
        {
          id: options.id ?? randomUUID(),
          source: this.source,
          type: EventCatalog[topic].type,
          time: new Date().toISOString(),
          subject: options.subject ?? options.key,
          traceparent: childTraceparent(options.traceparent ?? currentLogFields().traceparent),
          data: parseEventData(topic, data),
        },
        options.key,
      ),
    }));
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const batch: QueuedSend[] = [];
    let size = 0;
    while (
      this.queue.length > 0 &&
      (batch.length === 0 || size + this.queue[0]!.records.length <= MAX_BATCH)
    ) {
      const next = this.queue.shift()!;
      batch.push(next);
      size += next.records.length;
    }
    const byTopic = new Map<string, ReturnType<typeof encodeCloudEvent>[]>();
    for (const { records } of batch) {
      for (const { topic, message } of records) {
        const list = byTopic.get(topic) ?? [];
        list.push(message);
        byTopic.set(topic, list);
      }
    }
    this.producer
      .sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) })
      .then(
        () => batch.forEach((send) => send.resolve()),
        (error: unknown) => batch.forEach((send) => send.reject(error)),
      )
      .finally(() => {
        this.sending = false;
        this.pump();
      });
  }

  async disconnect(): Promise<void> {
    if (this.connected !== undefined) await this.producer.disconnect();
  }
}
