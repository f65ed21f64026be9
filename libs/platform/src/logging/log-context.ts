import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written while handling one request or message carries. */
export interface LogFields {
  runId?: string;
  traceId?: string;
  /** W3C traceparent of the message or request being handled; events published meanwhile are its children. */
  traceparent?: string;
  workflowId?: string;
  actionName?: string;
}

const storage = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with extra log fields; nested calls add to the outer fields. */
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, fn);
}

export function currentLogFields(): LogFields {
  return storage.getStore() ?? {};
}

/** Runs `fn` outside any request or message context (background loops that outlive what woke them). */
export function withoutLogFields<T>(fn: () => T): T {
  return storage.exit(fn);
}
