/**
 * A JSON Schema (draft 2020-12 or draft-07 keywords) as plain data. Connectors state their inputs and
 * outputs with it; the runtime validates inputs against it before the operation runs.
 */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** A JSON value: what travels in Kafka as inputs, outputs, and trigger cursors. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
