/**
 * @patchbay/contracts: what services exchange. Topic names, CloudEvents envelopes in the Kafka binary binding,
 * one schema per event (validated by producer and consumer), gRPC protos and their message types.
 */
export * from './topics.js';
export * from './execution-environments.js';
export * from './errors.js';
export * from './cloudevents/cloud-event.js';
export * from './cloudevents/kafka-binding.js';
export * from './events/common.schema.js';
export * from './events/trigger-fired.event.js';
export * from './events/action-requested.event.js';
export * from './events/action-completed.event.js';
export * from './events/action-callback.event.js';
export * from './events/run-response.event.js';
export * from './events/run-event.event.js';
export * from './events/dead-letter.event.js';
export * from './events/workflow-changed.event.js';
export * from './events/connection-changed.event.js';
export * from './events/trigger-poll.event.js';
export * from './events/trigger-subscription.event.js';
export * from './webhooks/callback-signature.js';
export * from './webhooks/action-callback-signature.js';
export * from './events/event-catalog.js';
export * from './grpc/proto-paths.js';
export * from './grpc/connection-store.types.js';
export * from './connectors/connector-catalog.js';
