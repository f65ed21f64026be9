import { DependencyUnavailableError, PlatformError } from '@patchbay/platform';

/**
 * The provider refused the grant for good (`invalid_grant`, `invalid_client`, `unauthorized_client`,
 * revoked consent): only a new consent can fix it. The connection goes `Unauthenticated`.
 */
export class OAuthGrantRejectedError extends PlatformError {
  readonly code = 'OAUTH_GRANT_REJECTED';
  readonly retryable = false;
  readonly httpStatus = 400;

  constructor(
    /** The OAuth error code the provider answered with, e.g. `invalid_grant`. */
    readonly oauthError: string,
    message: string,
  ) {
    super(message);
  }
}

/** The provider did not answer, or answered with a server error. Retryable. */
export class OAuthProviderUnavailableError extends DependencyUnavailableError {
  override readonly code = 'OAUTH_PROVIDER_UNAVAILABLE';
}

/**
 * The connection cannot be used until a user reconnects it (consent). gRPC FAILED_PRECONDITION: runs that
 * use the connection fail with this message.
 */
export class ConnectionReconnectRequiredError extends PlatformError {
  readonly code = 'CONNECTION_RECONNECT_REQUIRED';
  readonly retryable = false;
  readonly httpStatus = 409;

  constructor(name: string, reason: string) {
    super(`connection '${name}' is not authenticated (${reason}); reconnect this connection`);
  }
}

/** The consent callback does not match a pending consent (unknown, used or expired `state`). */
export class OAuthConsentInvalidError extends PlatformError {
  readonly code = 'OAUTH_CONSENT_INVALID';
  readonly retryable = false;
  readonly httpStatus = 400;
}

/** The auth type of the connection has no consent (only oauth2AuthorizationCode has). */
export class OAuthNotApplicableError extends PlatformError {
  readonly code = 'OAUTH_NOT_APPLICABLE';
  readonly retryable = false;
  readonly httpStatus = 409;
}
