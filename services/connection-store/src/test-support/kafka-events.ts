import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

/** Collects every record of one topic from its beginning, as a consumer group of its own. */
export async function collectTopic(
  brokers: readonly string[],
  topic: string,
): Promise<{
  records: { key: string; value: unknown; headers: Record<string, string> }[];
  stop(): Promise<void>;
}> {
  const kafka = new Kafka({
    clientId: 'connection-store-test',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer: Consumer = kafka.consumer({ groupId: `cs-test-${randomUUID()}` });
  const records: { key: string; value: unknown; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
      records.push({
        key: message.key?.toString() ?? '',
        value: message.value === null ? null : (JSON.parse(message.value.toString()) as unknown),
        headers,
      });
    },
  });
  return { records, stop: () => consumer.disconnect() };
}
