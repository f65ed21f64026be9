// Creates every Patchbay topic (libs/contracts ALL_TOPICS) on the local Kafka, as each service does at boot.
// test.sh runs it before the integration tier, which runs before the services start: specs that consume
// platform topics find them on a fresh cluster. Needs a build. Usage: KAFKA_BROKERS=... node topics-ensure.mjs
import { ALL_TOPICS } from '@patchbay/contracts';
import { createKafkaClient, createLogger, ensureTopics } from '@patchbay/platform';

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
if (brokers.length === 0) {
  process.stderr.write('KAFKA_BROKERS is not set\n');
  process.exit(2);
}
const logger = createLogger('topics-ensure', 'warn');
const kafka = createKafkaClient({ clientId: 'patchbay-topics-ensure', brokers, logger });
await ensureTopics(kafka, ALL_TOPICS, Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 6));
process.stdout.write(`${ALL_TOPICS.length} topics present\n`);
