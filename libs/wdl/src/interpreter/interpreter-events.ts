/**
 * Events the orchestrator feeds to `step`. Every event carries `at`, the time it happened (ISO 8601):
 * that is the interpreter's only clock.
 */

/** A connector operation finished (from connector-runtime's `action.completed`). */
export interface ActionCompletedEvent {
  type: 'actionCompleted';
  /** The `commandId` of the `executeConnectorAction` command. */
  commandId: string;
  at: string;
  status: 'Succeeded' | 'Failed';
  /** For HTTP-like operations `{statusCode, headers, body}`. */
  outputs?: unknown;
  /** Set when the operation failed without a response, or to explain a failure. */
  error?: { code: string; message: string; retryable?: boolean };
}

/** A timer started with `startTimer` came due. */
export interface TimerFiredEvent {
  type: 'timerFired';
  timerId: string;
  at: string;
}

/** Someone cancelled the run (admin API). */
export interface CancelRunEvent {
  type: 'cancelRun';
  at: string;
  reason?: string;
}

/**
 * Someone called the callback URL of a webhook action (`HttpWebhook`, `ApiConnectionWebhook`). The action
 * completes with `{ statusCode: 200, headers, body }` of the call; callbacks of an instance that no longer
 * waits (duplicates, late calls) change nothing.
 */
export interface ActionCallbackEvent {
  type: 'actionCallback';
  /** The callback id the host was given for the instance (`ActionCallbackRef.callbackId`). */
  callbackId: string;
  at: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type InterpreterEvent = ActionCompletedEvent | TimerFiredEvent | CancelRunEvent | ActionCallbackEvent;
