import { PlatformError } from '@patchbay/platform';

/** Why a connection could not be resolved; actions and triggers fail with these codes. */
export const ConnectionErrorCode = {
  ConnectionNotFound: 'ConnectionNotFound',
  ConnectionAccessDenied: 'ConnectionAccessDenied',
  ConnectionUnusable: 'ConnectionUnusable',
  ConnectionStoreUnavailable: 'ConnectionStoreUnavailable',
  ConnectionResolutionFailed: 'ConnectionResolutionFailed',
} as const;
export type ConnectionErrorCode = (typeof ConnectionErrorCode)[keyof typeof ConnectionErrorCode];

/** ResolveConnection failed; `code` says why (not found, not linked, store unavailable, ...). */
export class ConnectionResolutionError extends PlatformError {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
