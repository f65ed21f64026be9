/** Typed errors of the run interpreter. */

export type WdlInterpreterErrorCode =
  | 'InvalidEvent'
  | 'InvalidState'
  | 'InvalidStartOptions'
  /** The state does not hold its definition and the caller did not supply it. */
  | 'DefinitionRequired'
  /** The supplied definition is not the one the run started with (its hash differs). */
  | 'DefinitionMismatch'
  /** The state holds sealed secure values and the caller did not pass the sealer. */
  | 'SealerRequired'
  /** The sealer refused to unseal a value (wrong key, tampered state). */
  | 'UnsealFailed';

/** Misuse of the interpreter API (a malformed event, a state from another version, ...). */
export class WdlInterpreterError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: WdlInterpreterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WdlInterpreterError';
  }
}

/**
 * An action failed while the interpreter ran it (bad template, wrong variable type, ...). Caught by
 * the interpreter and recorded as the action's error; never leaves `step`.
 */
export class ActionFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly outputs?: unknown,
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}
