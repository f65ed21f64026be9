import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { contractTopicOf, type EventData, type TopicName } from '@patchbay/contracts';
import { EventPublisher, withoutLogFields, type OutgoingEvent } from '@patchbay/platform';
import type { OutboxMessageEntity } from '../persistence/outbox-message.entity.js';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { LOGGER } from '../tokens.js';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event_id: string;
  data: EventData<TopicName>;
  traceparent: string | null;
}

/** Advisory lock key: only one relay publishes at a time, which keeps per-run event order across replicas. */
const RELAY_LOCK = 0x70626f78; // 'pbox'
const BATCH = 500;
/** How long the fast path (publishCommitted) has before a poll publishes a row itself. */
const GRACE_MS = 2_000;
/** Published rows are deleted this often, in one statement. */
const DELETE_BATCH_MS = 20;

/**
 * Publishes outbox rows to Kafka and deletes them, in id order. Woken right after a transaction that added rows
 * (`wake()`), and on a short interval for rows left by a crash. A crash between publish and delete publishes
 * those rows again with the same event ids: consumers are idempotent.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Callers of flush() whose rows were committed before the next pass starts. */
  private flushWaiters: (() => void)[] = [];
  private publishedIds: string[] = [];
  /** Outbox rows the fast path is publishing or about to delete: this process's relay passes skip them. */
  private readonly fastPathIds = new Set<string>();
  private deleteTimer?: NodeJS.Timeout;
  /** The next pass takes every row (woken on purpose) or only rows older than the grace period (a poll). */
  private nextPassTakesAll = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(false), this.config.PATCHBAY_POLL_INTERVAL_MS);
    this.timer.unref();
    this.wake();
  }

  /**
   * The fast path: events of a transaction that just committed, published from memory right away and their
   * rows deleted. If this fails, or the process dies first, the rows are still in the outbox and a poll
   * publishes them once they are older than the grace period; a row published by both paths goes out twice
   * with the same event id, which consumers deduplicate.
   */
  publishCommitted(rows: readonly OutboxMessageEntity[]): void {
    if (rows.length === 0 || this.stopped) return;
    const ids = rows.map((r) => r.id);
    // A pass of this process's relay (woken by a workflow change, say) leaves these rows alone meanwhile.
    for (const id of ids) this.fastPathIds.add(id);
    void withoutLogFields(async () => {
      await this.publisher.publishAll(
        rows.map((r) => outgoing(r.topic, r.data as EventData<TopicName>, r.key, r.eventId, r.traceparent)),
      );
      this.deleteLater(ids);
    }).catch((error: unknown) => {
      for (const id of ids) this.fastPathIds.delete(id);
      this.logger.warn({ err: error }, 'publishing committed events failed; the outbox poll will retry');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /**
   * Published rows are deleted in batches (one statement for everything published in the last few
   * milliseconds): a row deleted late is at worst published again by a poll, with the same event id.
   */
  private deleteLater(ids: readonly string[]): void {
    this.publishedIds.push(...ids);
    if (this.deleteTimer !== undefined) return;
    this.deleteTimer = setTimeout(() => {
      this.deleteTimer = undefined;
      const batch = this.publishedIds.splice(0);
      void this.dataSource
        .query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [batch])
        .finally(() => {
          for (const id of batch) this.fastPathIds.delete(id);
        })
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error },
            'deleting published outbox rows failed; a poll will publish them again',
          ),
        );
    }, DELETE_BATCH_MS);
  }

  /**
   * Publishes now and resolves once a pass that started after this call has finished (or `timeoutMs` passed):
   * an API that just committed a change can answer after the change is on Kafka (read-your-writes for callers
   * that go on to use another service). Never rejects; a failed pass leaves the rows for the next one.
   */
  flush(timeoutMs = 5_000): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.flushWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.wake();
    });
  }

  /**
   * Asks the relay to publish now: every row (`takeAll`, the default), or in a poll only rows older than the
   * grace period, which the fast path has had time to publish. Calls while it runs make it go round once more.
   */
  wake(takeAll = true): void {
    if (this.stopped) return;
    if (takeAll) this.nextPassTakesAll = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    // The relay outlives whatever woke it: run it outside that request's or message's log and trace context.
    const minAgeMs = this.nextPassTakesAll ? 0 : GRACE_MS;
    this.nextPassTakesAll = false;
    void withoutLogFields(() => this.drain(minAgeMs))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        for (const done of waiters) done();
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake(false);
        }
      });
  }

  private async drain(minAgeMs: number): Promise<void> {
    for (;;) {
      const published = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<[{ locked: boolean }]>(
          'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [RELAY_LOCK],
        );
        if (!locked) return 0;
        // Claim the oldest rows and publish them; the DELETE commits only if the publish succeeded.
        const claimed = await manager.query<[OutboxRow[], number]>(
          `DELETE FROM outbox WHERE id IN (
             SELECT id FROM outbox
              WHERE created_at <= now() - $2 * interval '1 millisecond' AND id <> ALL($3::bigint[])
              ORDER BY id LIMIT $1)
           RETURNING id, topic, message_key, event_id, data, traceparent`,
          [BATCH, minAgeMs, [...this.fastPathIds]],
        );
        const rows = claimed[0].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        if (rows.length === 0) return 0;
        await this.publisher.publishAll(
          rows.map((r) => outgoing(r.topic, r.data, r.message_key, r.event_id, r.traceparent)),
        );
        return rows.length;
      });
      if (published < BATCH) return;
    }
  }
}

/**
 * An outbox row as the event it stands for: same event id (consumers deduplicate), its own trace context. A row
 * whose topic is an execution environment's copy of a contract topic goes there with the contract's schema.
 */
function outgoing(
  kafkaTopic: string,
  data: EventData<TopicName>,
  key: string,
  id: string,
  traceparent: string | null,
): OutgoingEvent {
  const topic = contractTopicOf(kafkaTopic);
  if (topic === undefined) throw new TypeError(`outbox row for unknown topic ${kafkaTopic}`);
  return {
    topic,
    data,
    options: {
      key,
      id,
      ...(traceparent === null ? {} : { traceparent }),
      ...(topic === kafkaTopic ? {} : { destination: kafkaTopic }),
    },
  };
}
