import type { Kafka } from 'kafkajs';

/** A stand-in Kafka for unit tests, and the topics created through its admin client. */
export interface TopicRecordingKafka {
  kafka: Kafka;
  created: string[];
}

/**
 * A Kafka whose admin client lists no topics and records every topic it is asked to create, for unit specs of
 * code that creates topics on first use. `connect` can be replaced to make the admin fail (broker unreachable).
 */
export function topicRecordingKafka(
  connect: () => Promise<void> = async () => undefined,
): TopicRecordingKafka {
  const created: string[] = [];
  const kafka = {
    admin: () => ({
      connect,
      disconnect: async () => undefined,
      listTopics: async () => [],
      createTopics: async ({ topics }: { topics: { topic: string }[] }) => {
        created.push(...topics.map((t) => t.topic));
        return true;
      },
    }),
  } as unknown as Kafka;
  return { kafka, created };
}
