/** Injection token of the service's kafkajs client (created in connector-runtime.app.ts). */
export const KAFKA = Symbol('KAFKA');
