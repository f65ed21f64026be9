import type { BoundaryError } from '@patchbay/contracts';
import { ConnectorError, ConnectorErrorCode } from '@patchbay/connector-sdk';

/**
 * Stable codes of the errors an action attempt can end with. They travel in `action.completed.error.code`;
 * the orchestrator's retry policy reads `retryable`. `HttpStatus<code>` codes are built from the status.
 */
export const ActionErrorCode = {
  ActionTypeNotSupported: 'ActionTypeNotSupported',
  InvalidActionInputs: 'InvalidActionInputs',
  AuthenticationTypeNotSupported: 'AuthenticationTypeNotSupported',
  HttpRequestFailed: 'HttpRequestFailed',
  ActionTimedOut: 'ActionTimedOut',
  ResponseTooLarge: 'ResponseTooLarge',
  ConnectionNotFound: 'ConnectionNotFound',
  ConnectionAccessDenied: 'ConnectionAccessDenied',
  ConnectionUnusable: 'ConnectionUnusable',
  ConnectionStoreUnavailable: 'ConnectionStoreUnavailable',
  ConnectionResolutionFailed: 'ConnectionResolutionFailed',
  InternalConnectorError: 'InternalConnectorError',
  ConnectorNotFound: 'ConnectorNotFound',
  OperationNotFound: 'OperationNotFound',
  EgressDenied: 'EgressDenied',
  ConnectorHung: 'ConnectorHung',
  /** The connection is pinned to another execution environment than the one this runtime serves. */
  ConnectionEnvironmentMismatch: 'ConnectionEnvironmentMismatch',
} as const;

/**
 * The refusal of a request whose connection runs elsewhere (it was routed before a re-pin reached its producer).
 * Retryable: the attempt's retry policy sends the next attempt through the producer's routing again, which by then
 * knows the new environment; a request that keeps landing in the wrong environment fails when the retries run out.
 */
export function environmentMismatch(
  connectionName: string,
  pinnedTo: string,
  served: string,
): { status: 'Failed'; error: BoundaryError } {
  return {
    status: 'Failed',
    error: {
      code: ActionErrorCode.ConnectionEnvironmentMismatch,
      message: `connection '${connectionName}' is pinned to execution environment '${pinnedTo}'; this connector-runtime serves '${served}' and does not run it`,
      retryable: true,
    },
  };
}

/** How one attempt ended. `outputs` stay present on failures that have them (an HTTP 500 still has a body). */
export interface ActionOutcome {
  status: 'Succeeded' | 'Failed' | 'TimedOut';
  outputs?: unknown;
  error?: BoundaryError;
}

export function failed(code: string, message: string, retryable: boolean, outputs?: unknown): ActionOutcome {
  const outcome: ActionOutcome = { status: 'Failed', error: { code, message, retryable } };
  if (outputs !== undefined) outcome.outputs = outputs;
  return outcome;
}

export function timedOut(message: string): ActionOutcome {
  return { status: 'TimedOut', error: { code: ActionErrorCode.ActionTimedOut, message, retryable: true } };
}

/**
 * The outcome of an operation that threw. A `ConnectorError` is an expected failure and keeps its code,
 * retryability and outputs; anything else after the attempt's time ran out is a timeout; anything else is a
 * connector bug (`undefined` here: the caller logs it and answers `InternalConnectorError`).
 */
export function outcomeOfError(error: unknown, signal: AbortSignal): ActionOutcome | undefined {
  if (error instanceof ConnectorError) {
    if (error.code === ConnectorErrorCode.TimedOut) return timedOut(error.message);
    return failed(error.code, error.message, error.retryable, error.outputs);
  }
  if (signal.aborted) return timedOut("the attempt's time ran out");
  return undefined;
}
