/** Stable codes for everything the testkit can fail with. */
export type TestkitErrorCode =
  | 'INFRA_NOT_FOUND'
  | 'INFRA_ENV_UNREACHABLE'
  | 'INFRA_LOCAL_UP_FAILED'
  | 'INFRA_LOCAL_UNHEALTHY'
  | 'INFRA_CONTAINERS_FAILED'
  | 'ENV_FILE_INVALID'
  | 'REPO_ROOT_NOT_FOUND'
  | 'WAIT_FOR_TIMEOUT'
  | 'INVALID_NAME_PREFIX';

/** Any failure raised by `@patchbay/testkit`. Tests usually let it fail the test; `code` says which kind. */
export class TestkitError extends Error {
  readonly retryable = false;

  constructor(
    readonly code: TestkitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TestkitError';
  }
}
