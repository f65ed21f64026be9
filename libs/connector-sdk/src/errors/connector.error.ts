/**
 * Stable codes shared by every connector. Connectors may use their own codes too (`HttpStatus404`,
 * `PostgresQueryFailed`); the runtime publishes `code`, `message` and `retryable` in `action.completed`.
 */
export const ConnectorErrorCode = {
  /** Inputs violate the operation's input schema; nothing was sent. */
  InvalidInputs: 'InvalidActionInputs',
  ConnectorNotFound: 'ConnectorNotFound',
  OperationNotFound: 'OperationNotFound',
  /** The connection lacks a parameter or secret the operation needs, or has an auth type it does not support. */
  ConnectionUnusable: 'ConnectionUnusable',
  /** Egress rules refused the destination. */
  EgressDenied: 'EgressDenied',
  /** The target was not reachable this time (refused, reset, DNS, TLS). */
  TargetUnreachable: 'TargetUnreachable',
  /** The target answered 429 or an equivalent; `retryAfterMs` says when to come back. */
  Throttled: 'Throttled',
  TimedOut: 'ActionTimedOut',
  ResponseTooLarge: 'ResponseTooLarge',
  /**
   * `testConnection` cannot judge this connection (e.g. an Http connection without a `testUrl`): the test
   * reports "not tested" rather than a failure.
   */
  ConnectionTestUnavailable: 'ConnectionTestUnavailable',
  /** The connector threw something other than a ConnectorError: a bug. */
  InternalConnectorError: 'InternalConnectorError',
} as const;

export interface ConnectorErrorOptions {
  /** Outputs the failure still has (an HTTP 500 keeps its status, headers and body). */
  outputs?: unknown;
  /** Earliest moment a retry makes sense, in ms from now (429 Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type operations throw for an expected failure. `retryable` tells the orchestrator's retry
 * policy whether another attempt may succeed. Messages name fields and targets, never secret values.
 */
export class ConnectorError extends Error {
  readonly outputs?: unknown;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options: ConnectorErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    if (options.outputs !== undefined) this.outputs = options.outputs;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** One problem of an input, by JSON pointer (`/queryParameters/id`) and what was expected. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Inputs fail the operation's schema. Never retryable: the same inputs fail the same way. */
export class InvalidInputsError extends ConnectorError {
  constructor(
    readonly operation: string,
    readonly problems: readonly InputProblem[],
  ) {
    super(
      ConnectorErrorCode.InvalidInputs,
      `inputs of ${operation} are invalid: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`,
      false,
    );
    this.name = 'InvalidInputsError';
  }
}

/** Egress rules refused a destination; the message names the rule that decided. */
export class EgressDeniedError extends ConnectorError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly port: number,
    readonly rule: string,
  ) {
    super(
      ConnectorErrorCode.EgressDenied,
      `egress to ${host} (${address}) port ${port} is denied by rule ${rule}`,
      false,
    );
    this.name = 'EgressDeniedError';
  }
}
