import type { Consumer, Kafka } from 'kafkajs';
import { decodeCloudEvent, parseEventData, Topics, type ActionCallback } from '@patchbay/contracts';
import { uniqueName, waitFor } from '@patchbay/testkit';

/** Collects every patchbay.action.callback.v1 event of the given runs, from the start of the topic. */
export class ActionCallbackCollector {
  readonly events: ActionCallback[] = [];
  private readonly consumer: Consumer;
  private readonly next = new Map<number, bigint>();

  constructor(
    private readonly kafka: Kafka,
    private readonly runIds: ReadonlySet<string>,
  ) {
    this.consumer = kafka.consumer({ groupId: uniqueName('ti-callbacks') });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.actionCallback, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.next.set(partition, BigInt(message.offset) + 1n);
        const data = parseEventData(
          Topics.actionCallback,
          decodeCloudEvent(message.headers, message.value).data,
        );
        if (this.runIds.has(data.runId)) this.events.push(data);
      },
    });
  }

  /** Waits until everything published so far was seen, so a test can assert that something was NOT published. */
  async drain(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(Topics.actionCallback);
    await admin.disconnect();
    await waitFor(
      () =>
        offsets.every(
          (o) => BigInt(o.high) === BigInt(o.low) || (this.next.get(o.partition) ?? 0n) >= BigInt(o.high),
        ),
      { timeoutMs: 30_000, description: 'action.callback consumed up to its high-water mark' },
    );
  }

  of(runId: string): ActionCallback[] {
    return this.events.filter((e) => e.runId === runId);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
