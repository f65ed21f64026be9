import { Kafka, logLevel, type Admin } from 'kafkajs';

/** A topic to create; a bare string means one partition. */
export type TopicSpec = string | { readonly topic: string; readonly numPartitions?: number };

/**
 * Runs `action` with a connected kafkajs admin client and disconnects afterwards, whatever happens.
 */
export async function withKafkaAdmin<T>(
  brokers: readonly string[],
  action: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = new Kafka({
    clientId: 'patchbay-testkit-admin',
    brokers: [...brokers],
    logLevel: logLevel.WARN,
  }).admin();
  await admin.connect();
  try {
    return await action(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates topics (replication factor 1) and returns once every partition has a leader, so a producer or
 * consumer started right after does not race topic creation. Topics that already exist are left as they are.
 * Returns the topic names, in order.
 */
export async function createTopics(
  brokers: readonly string[],
  topics: readonly TopicSpec[],
): Promise<string[]> {
  const specs = topics.map((spec) =>
    typeof spec === 'string' ? { topic: spec, numPartitions: 1 } : { numPartitions: 1, ...spec },
  );
  await withKafkaAdmin(brokers, async (admin) => {
    await admin.createTopics({
      topics: specs.map((spec) => ({ ...spec, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  });
  return specs.map((spec) => spec.topic);
}

/**
 * Commits, for a consumer group that has no running member, each partition's current end (high-water mark) of
 * each topic, so a consumer of that group starts after everything published so far: earlier tests' messages are
 * not replayed, whatever the consumer's `fromBeginning`. (kafkajs `admin.resetOffsets({ earliest: false })` does
 * not do this: it commits the offset -1, which a consumer reads as "no offset" and, with `fromBeginning: true`
 * as Patchbay's consumers have, starts from the beginning after all.) Returns the offsets committed, per topic.
 */
export async function startGroupAtEnd(
  brokers: readonly string[],
  groupId: string,
  topics: readonly string[],
): Promise<Map<string, { partition: number; offset: string }[]>> {
  const positions = new Map<string, { partition: number; offset: string }[]>();
  await withKafkaAdmin(brokers, async (admin) => {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const partitions = offsets.map(({ partition, high }) => ({ partition, offset: high }));
      await admin.setOffsets({ groupId, topic, partitions });
      positions.set(topic, partitions);
    }
  });
  return positions;
}
