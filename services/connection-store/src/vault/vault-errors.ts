import { DependencyUnavailableError, PlatformError } from '@patchbay/platform';

/** Vault did not answer (down, sealed, timed out). Retryable: the same call may succeed later. */
export class VaultUnavailableError extends DependencyUnavailableError {
  override readonly code = 'VAULT_UNAVAILABLE';
}

/** Vault refused or rejected the call (bad token, missing policy, bad request). Not retryable. */
export class VaultRequestError extends PlatformError {
  readonly code = 'VAULT_REQUEST_FAILED';
  readonly retryable = false;
  readonly httpStatus = 502;

  constructor(
    message: string,
    /** HTTP status Vault answered with, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}
