/**
 * @patchbay/platform: the plumbing two or more services share. Typed configuration, structured logging with
 * run and trace ids, the Kafka transport and publisher that speak @patchbay/contracts, health, readiness and
 * metrics endpoints, the HTTP error mapping, and database helpers.
 */
export * from './errors/platform-error.js';
export * from './config/env-config.js';
export * from './logging/log-context.js';
export * from './logging/logger.js';
export * from './logging/nest-logger.adapter.js';
export * from './tracing/traceparent.js';
export * from './kafka/kafka-client.js';
export * from './kafka/topic-admin.js';
export * from './kafka/event-publisher.js';
export * from './kafka/event-context.js';
export * from './kafka/kafka-event.server.js';
export * from './observability/readiness.registry.js';
export * from './observability/metrics.js';
export * from './observability/observability.module.js';
export * from './observability/observability.controller.js';
export * from './http/platform-error.filter.js';
export * from './database/postgres-schema.js';
export * from './database/typeorm-options.js';
export * from './bootstrap/service-bootstrap.js';
export * from './bootstrap/kafka-service.js';
export * from './kafka/broadcast-subscriber.js';
export * from './kafka/kafka-readiness.js';
export * from './observability/dependency-readiness.js';
export * from './openapi/api-response.decorator.js';
export * from './openapi/json-schema-source.js';
export * from './openapi/error-body.schema.js';
export * from './openapi/controller-routes.js';
export * from './openapi/openapi-document.builder.js';
export * from './openapi/openapi.controller.js';
export * from './openapi/openapi.js';
