import { PlatformError } from '@patchbay/platform';
import { ActionErrorCode } from '../execution/action-failure.js';

type ResolutionErrorCode =
  | typeof ActionErrorCode.ConnectionNotFound
  | typeof ActionErrorCode.ConnectionAccessDenied
  | typeof ActionErrorCode.ConnectionUnusable
  | typeof ActionErrorCode.ConnectionStoreUnavailable
  | typeof ActionErrorCode.ConnectionResolutionFailed;

/** ResolveConnection failed; `code` says why (not found, not linked, store unavailable, ...). */
export class ConnectionResolutionError extends PlatformError {
  constructor(
    readonly code: ResolutionErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
