import { Topics, type TopicName } from './topics.js';

/**
 * Execution environments: where connector operations run. Every connector-runtime replica serves exactly one
 * environment; a connection may be pinned to one (connection-store `executionEnvironment`), and the requests
 * that use it travel on that environment's own copy of the request topic, so only that environment's runtimes
 * ever see them. A runtime inside a private network therefore needs nothing but an outbound Kafka connection.
 */
export const DEFAULT_EXECUTION_ENVIRONMENT = 'default';

/** 1-40 characters from a-z 0-9 -, starting and ending with a letter or digit (a DNS label, a topic segment). */
export const EXECUTION_ENVIRONMENT_PATTERN = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** What EXECUTION_ENVIRONMENT_PATTERN accepts, for validation messages. */
export const EXECUTION_ENVIRONMENT_EXPECTED =
  "1-40 characters from a-z 0-9 -, starting and ending with a letter or digit (e.g. 'on-prem-berlin')";

/** Request topics that have a copy per execution environment (connector-runtime consumes its environment's). */
export const ENVIRONMENT_ROUTED_TOPICS = [
  Topics.actionRequested,
  Topics.triggerPollRequested,
  Topics.triggerSubscriptionRequested,
] as const;
export type EnvironmentRoutedTopic = (typeof ENVIRONMENT_ROUTED_TOPICS)[number];

const VERSION_SUFFIX = /\.v(\d+)$/;

/**
 * The Kafka topic that carries `topic`'s events for `environment`: the contract topic itself for the default
 * environment, else `patchbay.<entity>.<event>.env.<environment>.v<N>`
 * (e.g. `patchbay.action.requested.env.on-prem-berlin.v1`). Same schema, same CloudEvents type.
 */
export function environmentTopic(topic: EnvironmentRoutedTopic, environment: string): string {
  if (environment === DEFAULT_EXECUTION_ENVIRONMENT) return topic;
  if (!EXECUTION_ENVIRONMENT_PATTERN.test(environment))
    throw new RangeError(`execution environment '${environment}' is not ${EXECUTION_ENVIRONMENT_EXPECTED}`);
  return topic.replace(VERSION_SUFFIX, `.env.${environment}.v$1`);
}

/**
 * The contract topic (schema, CloudEvents type) of a Kafka topic: itself for a contract topic, the routed
 * topic for an environment copy, undefined for a topic Patchbay does not know.
 */
export function contractTopicOf(kafkaTopic: string): TopicName | undefined {
  if ((Object.values(Topics) as string[]).includes(kafkaTopic)) return kafkaTopic as TopicName;
  const match = /^(.+)\.env\.([a-z0-9-]+)\.(v\d+)$/.exec(kafkaTopic);
  if (match === null || !EXECUTION_ENVIRONMENT_PATTERN.test(match[2]!)) return undefined;
  const base = `${match[1]}.${match[3]}`;
  return (ENVIRONMENT_ROUTED_TOPICS as readonly string[]).includes(base)
    ? (base as EnvironmentRoutedTopic)
    : undefined;
}
