import { PlatformError } from '@patchbay/platform';

/** The workflow asking is not linked to the connection. gRPC PERMISSION_DENIED. */
export class ConnectionNotLinkedError extends PlatformError {
  readonly code = 'CONNECTION_NOT_LINKED';
  readonly retryable = false;
  readonly httpStatus = 403;

  constructor(namespace: string, name: string, workflowId: string) {
    super(`workflow ${workflowId} is not linked to connection '${name}' in namespace '${namespace}'`);
  }
}

/** The connection's secrets are gone from Vault (destroyed outside the store). gRPC FAILED_PRECONDITION. */
export class ConnectionSecretsMissingError extends PlatformError {
  readonly code = 'CONNECTION_SECRETS_MISSING';
  readonly retryable = false;
  readonly httpStatus = 409;

  constructor(name: string) {
    super(`connection '${name}' has no secrets in Vault; recreate it`);
  }
}
