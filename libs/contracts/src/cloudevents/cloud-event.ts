/**
 * CloudEvents 1.0 in the Kafka protocol binding, binary content mode: the event attributes travel as
 * `ce_*` headers and the data is the message value (JSON). Spec: cloudevents/spec kafka-protocol-binding.md.
 */
export interface CloudEvent<T> {
  /** Unique per producer (`source` + `id` identify an event). Consumers may use it to deduplicate. */
  id: string;
  /** URI reference naming the producer, e.g. `/patchbay/trigger-ingestion`. */
  source: string;
  /** Reverse-DNS type, e.g. `dev.patchbay.trigger.fired.v1`. */
  type: string;
  /** RFC 3339 time the event happened. */
  time: string;
  /** The entity the event is about: the run id for run-scoped events. */
  subject?: string;
  /** W3C trace context (`traceparent`), carried as a Kafka header of its own. */
  traceparent?: string;
  data: T;
}

export const CE_SPEC_VERSION = '1.0';
export const CONTENT_TYPE_JSON = 'application/json';

/** Kafka headers as kafkajs hands them to consumers. */
export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;
