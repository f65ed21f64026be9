import { NotFoundError, PlatformError } from '@patchbay/platform';
import type { PolicyBlock } from './policy-evaluation.js';

/**
 * A connector policy forbids the connection's connector. HTTP 403 on create, gRPC PERMISSION_DENIED on
 * resolve; the message names the policy.
 */
export class ConnectorBlockedError extends PlatformError {
  readonly code = 'CONNECTOR_BLOCKED';
  readonly retryable = false;
  readonly httpStatus = 403;

  constructor(
    readonly block: PolicyBlock,
    connectorId: string,
    path?: string,
  ) {
    super(
      block.reason,
      path === undefined
        ? []
        : [
            {
              path,
              message: block.reason,
              expected: 'a connector that no connector policy blocks',
              found: JSON.stringify(connectorId),
            },
          ],
    );
  }
}

export class PolicyNotFoundError extends NotFoundError {
  override readonly code = 'POLICY_NOT_FOUND';

  constructor(name: string) {
    super(`connector policy '${name}' not found`);
  }
}
