import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  assertEventType,
  decodeCloudEvent,
  parseEventData,
  type EventData,
  type TopicName,
} from '@patchbay/contracts';

export interface BroadcastSubscriberOptions<T extends TopicName> {
  kafka: Kafka;
  topic: T;
  /** Prefix of the consumer group; each subscriber gets a group of its own, so every replica sees every message. */
  groupPrefix: string;
  /** Read the topic from its start (state rebuilt from a compacted topic) or only new messages. */
  fromBeginning: boolean;
  logger: Logger;
  onEvent: (data: EventData<T>, key: string | null) => void | Promise<void>;
}

/**
 * Every replica receives every message of one topic: used for state each replica keeps in memory (the trigger
 * registry rebuilt from a compacted topic) and for answers addressed to whichever replica holds a connection
 * (run responses). Invalid messages are logged and skipped: the owning consumer group dead-letters them. A handler
 * that throws is retried with back-off until it succeeds, so no valid change is dropped.
 */
export class BroadcastSubscriber<T extends TopicName> {
  private readonly consumer: Consumer;
  private caughtUp = false;
  private stopping = false;
  private readonly endOffsets = new Map<number, bigint>();
  /** Next offset to apply, per partition. */
  private readonly positions = new Map<number, bigint>();
  private readonly progressListeners = new Set<() => void>();
  private admin?: Admin;
  private latestOffsets?: Promise<{ partition: number; low: bigint; high: bigint }[]>;

  constructor(private readonly options: BroadcastSubscriberOptions<T>) {
    this.consumer = options.kafka.consumer({
      groupId: `${options.groupPrefix}-${randomUUID()}`,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
  }

  /** True once every message that existed at start has been applied (only meaningful with fromBeginning). */
  isCaughtUp(): boolean {
    return this.caughtUp;
  }

  async start(): Promise<void> {
    const { kafka, topic, fromBeginning } = this.options;
    if (fromBeginning) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) this.endOffsets.set(p.partition, BigInt(p.high));
        }
      } finally {
        await admin.disconnect();
      }
    }
    this.caughtUp = this.endOffsets.size === 0;
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message, heartbeat }) => {
        let data: EventData<T>;
        try {
          const event = decodeCloudEvent(message.headers, message.value);
          assertEventType(topic, event.type);
          data = parseEventData(topic, event.data);
        } catch (error) {
          // Invalid messages are skipped here; the owning consumer group dead-letters them.
          this.options.logger.warn(
            { err: error, topic, partition, offset: message.offset },
            'skipped invalid message',
          );
          this.markProgress(partition, BigInt(message.offset) + 1n);
          return;
        }
        // A failing handler (its database is down, say) must not lose the change: retry until it applies.
        for (let attempt = 1; ; attempt++) {
          try {
            await this.options.onEvent(data, message.key?.toString() ?? null);
            break;
          } catch (error) {
            if (this.stopping) throw error;
            const backoffMs = Math.min(10_000, 100 * 2 ** Math.min(attempt, 7));
            this.options.logger.warn(
              { err: error, topic, partition, offset: message.offset, attempt, backoffMs },
              'handler failed; retrying',
            );
            await new Promise((resolve) => setTimeout(resolve, backoffMs));
            await heartbeat();
          }
        }
        this.markProgress(partition, BigInt(message.offset) + 1n);
      },
    });
  }

  /**
   * Waits until every message published to the topic before this call has been applied (read-your-writes for
   * a change someone just made elsewhere). Resolves false when `timeoutMs` passes first. Concurrent callers
   * share one offsets request. Only for subscribers that read from the beginning: one that starts at the end
   * never sees older messages, so it could not tell when it has them all.
   */
  async syncToLatest(timeoutMs: number): Promise<boolean> {
    if (!this.options.fromBeginning)
      throw new Error('syncToLatest needs a subscriber with fromBeginning: true');
    const targets = await this.fetchLatestOffsets();
    const reached = (): boolean =>
      targets.every((t) => t.high <= t.low || (this.positions.get(t.partition) ?? t.low) >= t.high);
    if (reached()) return true;
    return new Promise<boolean>((resolve) => {
      const listener = (): void => {
        if (!reached()) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        this.progressListeners.delete(listener);
        resolve(value);
      };
      this.progressListeners.add(listener);
    });
  }

  private fetchLatestOffsets(): Promise<{ partition: number; low: bigint; high: bigint }[]> {
    this.latestOffsets ??= (async () => {
      try {
        if (this.admin === undefined) {
          const admin = this.options.kafka.admin();
          await admin.connect();
          this.admin = admin;
        }
        const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
        return offsets.map((p) => ({ partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) }));
      } finally {
        this.latestOffsets = undefined;
      }
    })();
    return this.latestOffsets;
  }

  private markProgress(partition: number, next: bigint): void {
    this.positions.set(partition, next);
    for (const listener of this.progressListeners) listener();
    if (this.caughtUp) return;
    const end = this.endOffsets.get(partition);
    if (end !== undefined && next >= end) this.endOffsets.delete(partition);
    if (this.endOffsets.size === 0) this.caughtUp = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.admin?.disconnect();
    await this.consumer.disconnect();
  }
}
