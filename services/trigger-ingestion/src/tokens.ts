/** Injection tokens for objects created in main.ts before Nest starts. */
export const KAFKA = Symbol('KAFKA');
export const LOGGER = Symbol('LOGGER');
/** The ConnectionRoutingClient of request routing (`null` without CONNECTION_STORE_GRPC_URL). */
export const CONNECTION_ROUTING = Symbol('CONNECTION_ROUTING');
