import type { SASLOptions } from 'kafkajs';
import { z } from 'zod';
import type { ResolvedConnectionData } from '@patchbay/connection-client';

/** Kafka trigger settings were wrong (trigger parameters or the connection). Not retryable until they change. */
export class KafkaTriggerConfigError extends Error {}

const parametersSchema = z.object({
  topic: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name'),
  /** Consumer group on the user's Kafka; default `patchbay-<workflowId>-<trigger>`. */
  consumerGroup: z.string().min(1).max(249).optional(),
  /** Where a new consumer group starts. */
  startFrom: z.enum(['latest', 'earliest']).default('latest'),
  /** Without splitOn: most messages one run gets. */
  maxBatchSize: z.number().int().min(1).max(1_000).default(100),
});
export type KafkaTriggerParameters = z.infer<typeof parametersSchema>;

/** `inputs.parameters` of a Kafka ServiceProvider trigger, checked; the message names each wrong field. */
export function kafkaTriggerParameters(inputs: unknown): KafkaTriggerParameters {
  const parameters = (inputs as { parameters?: unknown } | undefined)?.parameters ?? {};
  const result = parametersSchema.safeParse(parameters);
  if (!result.success)
    throw new KafkaTriggerConfigError(
      result.error.issues.map((i) => `inputs.parameters.${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return result.data;
}

export interface KafkaConnectionSettings {
  brokers: string[];
  sasl?: SASLOptions;
}

/** Brokers and SASL from a connection with the Kafka connector's parameters (`brokers`, `saslMechanism`, ...). */
export function kafkaConnectionSettings(connection: ResolvedConnectionData): KafkaConnectionSettings {
  const brokers =
    typeof connection.parameters.brokers === 'string'
      ? connection.parameters.brokers
          .split(',')
          .map((b) => b.trim())
          .filter((b) => b !== '')
      : [];
  if (brokers.length === 0)
    throw new KafkaTriggerConfigError(`connection '${connection.connectionName}' has no brokers parameter`);
  const mechanism = connection.parameters.saslMechanism;
  if (mechanism === undefined || mechanism === null || mechanism === '') return { brokers };
  if (mechanism !== 'plain' && mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512')
    throw new KafkaTriggerConfigError(
      `connection '${connection.connectionName}': saslMechanism must be plain, scram-sha-256 or scram-sha-512`,
    );
  const username = typeof connection.parameters.username === 'string' ? connection.parameters.username : '';
  const password = connection.secrets.password ?? '';
  const sasl: SASLOptions =
    mechanism === 'plain'
      ? { mechanism, username, password }
      : mechanism === 'scram-sha-256'
        ? { mechanism, username, password }
        : { mechanism, username, password };
  return { brokers, sasl };
}
