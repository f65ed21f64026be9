import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { decodeCloudEvent, parseEventData, Topics, type ActionCompleted } from '@patchbay/contracts';

/** What arrived on action.completed for one run: the validated data and the raw bytes (to look for secrets). */
export interface CompletedRecord {
  data: ActionCompleted;
  raw: string;
}

/**
 * Reads `patchbay.action.completed.v1` from the start with a throw-away group and keeps the records of the
 * runs a test is interested in, so the test can wait for them.
 */
export class CompletedEventsCollector {
  readonly byRun = new Map<string, CompletedRecord[]>();
  private consumer?: Consumer;

  /** `source`: keep only events of that CloudEvents source (the runtime under test, not another one). */
  constructor(
    private readonly brokers: readonly string[],
    private readonly source?: string,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({
      clientId: 'connector-runtime-int-spec',
      brokers: [...this.brokers],
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({
      groupId: `connector-runtime-int-spec-${randomUUID()}`,
      maxWaitTimeInMs: 250,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.actionCompleted, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        let data: ActionCompleted;
        try {
          const event = decodeCloudEvent(message.headers, message.value);
          if (this.source !== undefined && event.source !== this.source) return;
          data = parseEventData(Topics.actionCompleted, event.data);
        } catch {
          return; // another producer's malformed record on the shared topic: not this test's business
        }
        const list = this.byRun.get(data.runId) ?? [];
        list.push({
          data,
          raw: `${JSON.stringify(message.headers ?? {})}${message.value?.toString() ?? ''}`,
        });
        this.byRun.set(data.runId, list);
      },
    });
  }

  first(runId: string): CompletedRecord | undefined {
    return this.byRun.get(runId)?.[0];
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
