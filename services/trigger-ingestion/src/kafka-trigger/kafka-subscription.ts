import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, logLevel, type Consumer, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { checkedSocketFactory } from '@patchbay/egress';
import { Topics, type TriggerFired, type TriggerSpec } from '@patchbay/contracts';
import type { OutgoingEvent } from '@patchbay/platform';
import type { TriggerResult } from '@patchbay/wdl';
import { deterministicRunId } from '../firing/deterministic-run-id.js';
import { conditionsMet, TriggerExpressionError } from '../firing/trigger-expressions.js';
import type { Decision, DecisionLogRepository } from '../persistence/decision-log.repository.js';
import type { BatchKey, KafkaBatchRepository } from '../persistence/kafka-batch.repository.js';
import { kafkaMessageBody } from './kafka-message.js';
import type { KafkaConnectionSettings, KafkaTriggerParameters } from './kafka-trigger.parameters.js';

/** Messages fired per produce request when each message is its own run. */
const SPLIT_CHUNK = 100;

export interface KafkaSubscriptionDeps {
  /** Fires runs (through the concurrency gate); returns the run ids refused because the waiting queue is full. */
  fire: (events: readonly OutgoingEvent<typeof Topics.triggerFired>[]) => Promise<Set<string>>;
  decisions: DecisionLogRepository;
  batches: KafkaBatchRepository;
  logger: Logger;
  /** Called when the consumer stops by itself (crash): the manager starts it again later. */
  onCrash: (error: unknown) => void;
  /** Where a socket to a broker may connect (the egress rules); throws when it may not. */
  checkBroker: (host: string, port: number) => Promise<{ address: string }>;
}

/**
 * One Kafka trigger's consumer on the user's Kafka. Replicas share a trigger's partitions through the consumer
 * group (the user's Kafka assigns them). Offsets are committed by hand, after the trigger.fired events of the
 * messages up to them are durable (acks=all): a crash in between redelivers those messages, and their run ids
 * (from topic, partition and offset, or a batch's recorded first offset) make the orchestrator start them once.
 */
export class KafkaSubscription {
  private consumer?: Consumer;
  /** The egress refusal behind a failing connection (kafkajs keeps only the message of a socket error). */
  private refused?: Error;

  constructor(
    private readonly workflow: { workflowId: string; version: number },
    private readonly spec: TriggerSpec,
    private readonly parameters: KafkaTriggerParameters,
    private readonly connection: KafkaConnectionSettings,
    private readonly deps: KafkaSubscriptionDeps,
  ) {}

  get groupId(): string {
    return this.parameters.consumerGroup ?? `patchbay-${this.workflow.workflowId}-${this.spec.name}`;
  }

  /** Why the last broker connection was refused by the egress rules, if one was. */
  get egressRefusal(): Error | undefined {
    return this.refused;
  }

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'patchbay-kafka-trigger',
      brokers: this.connection.brokers,
      socketFactory: checkedSocketFactory(this.deps.checkBroker, (error) => (this.refused = error)),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 5_000,
      retry: { retries: 3 },
      ...(this.connection.sasl === undefined ? {} : { sasl: this.connection.sasl }),
    });
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 10_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => this.deps.onCrash(event.payload.error));
    try {
      await consumer.connect();
      await consumer.subscribe({
        topic: this.parameters.topic,
        fromBeginning: this.parameters.startFrom === 'earliest',
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.handle(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw this.refused ?? error;
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const key: BatchKey = {
      workflowId: this.workflow.workflowId,
      triggerName: this.spec.name,
      topic: batch.topic,
      partition: batch.partition,
    };
    let pending = batch.messages;
    while (pending.length > 0 && isRunning() && !isStale()) {
      const chunk =
        this.spec.splitOn !== undefined ? pending.slice(0, SPLIT_CHUNK) : await this.batchOf(key, pending);
      await this.fire(key, chunk, payload);
      const last = chunk.at(-1)!.offset;
      const next = (BigInt(last) + 1n).toString();
      await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
      resolveOffset(last);
      if (this.spec.splitOn === undefined) await this.deps.batches.forgetBefore(key, next);
      await heartbeat();
      pending = pending.slice(chunk.length);
    }
  }

  /** The next batch run's messages: cut where a first attempt at this batch cut it, if there was one. */
  private async batchOf(key: BatchKey, pending: KafkaMessage[]): Promise<KafkaMessage[]> {
    const proposed = pending.slice(0, this.parameters.maxBatchSize);
    const last = BigInt(await this.deps.batches.boundary(key, proposed[0]!.offset, proposed.at(-1)!.offset));
    return pending.filter((m) => BigInt(m.offset) <= last);
  }

  private async fire(
    key: BatchKey,
    messages: KafkaMessage[],
    payload: Pick<EachBatchPayload, 'heartbeat' | 'isRunning'>,
  ): Promise<void> {
    const now = new Date().toISOString();
    const ids = { workflowId: this.workflow.workflowId, triggerName: this.spec.name };
    const bodies = messages.map((m) => kafkaMessageBody(key.topic, key.partition, m));
    const runs =
      this.spec.splitOn !== undefined
        ? bodies.map((body) => ({ body, idParts: [key.topic, String(key.partition), body.offset] }))
        : [
            {
              body: bodies as unknown,
              idParts: [key.topic, String(key.partition), bodies[0]!.offset, 'batch'],
            },
          ];
    const events: OutgoingEvent<typeof Topics.triggerFired>[] = [];
    const decisions: Decision[] = [];
    let filtered = 0;
    for (const run of runs) {
      const result: TriggerResult = {
        name: this.spec.name,
        outputs: { headers: {}, body: run.body },
        startTime: now,
        endTime: now,
        status: 'Succeeded',
      };
      try {
        if (!conditionsMet(this.spec, result, now)) {
          filtered += 1;
          continue;
        }
      } catch (error) {
        if (!(error instanceof TriggerExpressionError)) throw error;
        filtered += 1;
        decisions.push({ ...ids, outcome: 'condition-error', detail: { problem: error.message } });
        continue;
      }
      const runId = deterministicRunId(this.workflow.workflowId, this.spec.name, ...run.idParts);
      const event: TriggerFired = {
        runId,
        workflowId: this.workflow.workflowId,
        workflowVersion: this.workflow.version,
        triggerName: this.spec.name,
        firedAt: now,
        outputs: { headers: {}, body: run.body },
        awaitsResponse: false,
      };
      events.push({ topic: Topics.triggerFired, data: event, options: { key: runId, id: runId } });
    }
    // A full waiting queue (trigger concurrency) holds the messages on the user's Kafka: nothing is committed
    // until the runs are queued, so back-pressure reaches the topic instead of dropping messages.
    while ((await this.deps.fire(events)).size > 0) {
      if (!payload.isRunning()) throw new Error('consumer stopping while the waiting queue is full');
      await payload.heartbeat();
      await delay(1_000);
    }
    decisions.unshift({
      ...ids,
      outcome: events.length > 0 ? 'fired' : 'conditions-not-met',
      detail: {
        topic: key.topic,
        partition: key.partition,
        firstOffset: messages[0]!.offset,
        lastOffset: messages.at(-1)!.offset,
        messages: messages.length,
        fired: events.length,
        filtered,
        runIds: events.slice(0, 50).map((e) => e.data.runId),
      },
    });
    await this.deps.decisions.append(decisions);
  }
}
