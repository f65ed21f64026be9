import type { Admin, Kafka } from 'kafkajs';
import { DependencyUnavailableError } from '../errors/platform-error.js';
import type { ReadinessCheck } from '../observability/readiness.registry.js';

/** A readiness check that passes while the cluster answers a metadata request, plus its admin client's close. */
export interface KafkaReadiness {
  check: ReadinessCheck;
  close(): Promise<void>;
}

/**
 * One admin connection per service, opened on the first check and reopened after a failure, so `/readyz`
 * neither reconnects on every probe nor stays broken once Kafka is back.
 */
export function kafkaReadiness(kafka: Kafka): KafkaReadiness {
  let admin: Admin | undefined;
  let connecting: Promise<void> | undefined;
  return {
    check: async () => {
      admin ??= kafka.admin();
      const client = admin;
      connecting ??= client.connect().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
      await connecting;
      const cluster = await client.describeCluster();
      if (cluster.brokers.length === 0)
        throw new DependencyUnavailableError('no Kafka broker in the cluster metadata');
    },
    close: async () => {
      await admin?.disconnect();
    },
  };
}
