/** Injection tokens for objects created in main.ts before Nest starts. */
export const KAFKA = Symbol('KAFKA');
export const LOGGER = Symbol('LOGGER');
/** The SecureValueSealer that seals secure values at rest (run state, secure parameter values). */
export const STATE_SEALER = Symbol('STATE_SEALER');
