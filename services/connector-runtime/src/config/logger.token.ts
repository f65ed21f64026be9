/** Injection token of the process-wide pino logger (created in main.ts with createLogger). */
export const LOGGER = Symbol('LOGGER');
