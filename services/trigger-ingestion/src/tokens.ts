/** Injection tokens for objects created in main.ts before Nest starts. */
export const KAFKA = Symbol('KAFKA');
export const LOGGER = Symbol('LOGGER');
