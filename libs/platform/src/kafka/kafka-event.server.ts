import { setTimeout as delay } from 'node:timers/promises';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Logger } from 'pino';
import {
  assertEventType,
  contractTopicOf,
  ContractViolationError,
  decodeCloudEvent,
  parseEventData,
  Topics,
  type TopicName,
} from '@patchbay/contracts';
import { withLogFields } from '../logging/log-context.js';
import { parseTraceparent } from '../tracing/traceparent.js';
import type { EventContext } from './event-context.js';
import type { EventPublisher } from './event-publisher.js';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  groupId: string;
  publisher: EventPublisher;
  logger: Logger;
  /** Partitions handled at once by this replica. Order within a partition is always kept. */
  partitionsConsumedConcurrently?: number;
  /** Attempts for an error that does not say it is retryable, before the message goes to the dead-letter topic. */
  maxAttemptsForUnknownErrors?: number;
  /**
   * How long the broker waits for a silent member before giving its partitions to another replica: after a
   * crash, the partitions of the dead process stay unserved this long (default 10 s; heartbeats every 3 s).
   */
  sessionTimeoutMs?: number;
  /**
   * Where a group without a committed offset starts (a first deployment, a new partition, a group whose
   * first commit had not happened yet when its only member died). Default `true`, the earliest retained
   * message: an event accepted before the service ever committed is handled, never skipped (handlers are
   * idempotent). `false` starts at the end and skips such events.
   */
  fromBeginning?: boolean;
  /**
   * Kafka topics to consume instead of the contract topics the handlers name, e.g.
   * `{ [Topics.actionRequested]: 'patchbay.action.requested.env.dmz.v1' }` for a replica of an execution
   * environment. The handler of the contract topic gets the messages, validated against its schema.
   */
  topicOverrides?: Partial<Record<TopicName, string>>;
}

interface RetryableLike {
  retryable?: unknown;
}

/**
 * A Nest microservice transport over kafkajs that speaks our contract: every message is a CloudEvent whose
 * data is validated against its topic's schema before a handler sees it. Handlers are declared with
 * `@EventPattern(Topics.x)` and receive `(@Payload() data, @Ctx() context: EventContext)`; without `@Ctx()`
 * Nest passes only the payload (its default metadata maps argument 0 and nothing else).
 *
 * Delivery: offsets are committed only after the handler resolved, so an effect that the handler made
 * durable is never skipped; handlers must be idempotent because a crash before the commit redelivers.
 * Errors: a contract violation goes straight to the dead-letter topic; an error marked retryable (a
 * dependency is down) is retried with back-off for as long as it takes, keeping the partition's order;
 * an error marked not retryable goes to the dead-letter topic at once; any other error is retried a few times
 * and then dead-lettered, so a poison message never blocks a partition.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private closing = false;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const overrides = this.options.topicOverrides ?? {};
      const topics = [...this.messageHandlers.keys()].map(
        (pattern) => overrides[pattern as TopicName] ?? pattern,
      );
      const consumer = this.options.kafka.consumer({
        groupId: this.options.groupId,
        sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
        heartbeatInterval: 3_000,
        allowAutoTopicCreation: false,
      });
      this.consumer = consumer;
      await this.options.publisher.connect();
      await consumer.connect();
      if (topics.length > 0) {
        await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      }
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: 500,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachMessage: (payload) => this.handleMessage(payload),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.consumer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer does not expose client events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message, heartbeat } = payload;
    // An execution environment's copy of a request topic carries the contract topic's events.
    const contractTopic = contractTopicOf(topic) ?? (topic as TopicName);
    const handler = this.getHandlerByPattern(contractTopic);
    if (handler === null) return;
    let context: EventContext;
    let data: unknown;
    try {
      const event = decodeCloudEvent(message.headers, message.value);
      assertEventType(contractTopic, event.type);
      data = parseEventData(contractTopic, event.data);
      context = {
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        event,
        heartbeat,
      };
    } catch (error) {
      await this.deadLetter(payload, error);
      return;
    }
    const fields = {
      runId: context.event.subject,
      traceId: parseTraceparent(context.event.traceparent)?.traceId,
      traceparent: context.event.traceparent,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await withLogFields(fields, async () => {
          const result: unknown = await handler(data, context);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        });
        return;
      } catch (error) {
        if (this.closing) throw error;
        const { retryable } = error as RetryableLike;
        const limit = this.options.maxAttemptsForUnknownErrors ?? 3;
        // Typed errors that say trying again cannot help (retryable: false) go to the dead-letter topic at once,
        // without holding up the partition through back-offs; untyped errors get a few tries first.
        if (
          error instanceof ContractViolationError ||
          retryable === false ||
          (retryable !== true && attempt >= limit)
        ) {
          await this.deadLetter(payload, error);
          return;
        }
        const backoff = Math.min(30_000, 200 * 2 ** Math.min(attempt, 8));
        this.options.logger.warn(
          { err: error, topic, partition, offset: message.offset, attempt, backoffMs: backoff },
          'event handler failed; retrying',
        );
        await delay(backoff);
        await heartbeat();
      }
    }
  }

  private async deadLetter({ topic, partition, message }: EachMessagePayload, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.options.logger.error(
      { topic, partition, offset: message.offset, reason },
      'message sent to dead-letter topic',
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
    }
    const key = message.key?.toString() ?? null;
    await this.options.publisher.publish(
      Topics.deadLetter,
      {
        originalTopic: topic,
        partition,
        offset: message.offset,
        consumerGroup: this.options.groupId,
        reason,
        key,
        valueBase64: message.value?.toString('base64') ?? null,
        headers,
        failedAt: new Date().toISOString(),
      },
      { key: key ?? `${topic}:${partition}:${message.offset}` },
    );
  }
}
