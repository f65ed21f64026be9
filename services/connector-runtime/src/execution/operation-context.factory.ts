import type { Logger } from 'pino';
import type { ActionRequested } from '@patchbay/contracts';
import type { OperationContext } from '@patchbay/connector-sdk';
import type { EgressGuard } from '../egress/egress-guard.js';
import type { ResolvedConnectionData } from './connector.js';

/** Namespace of workflows until action.requested carries one (egress rules may already name namespaces). */
export const DEFAULT_NAMESPACE = 'default';

export interface ContextInputs {
  request: ActionRequested;
  connection: ResolvedConnectionData | undefined;
  signal: AbortSignal;
  deadline: number;
  operation: string;
  credentialsRejected: () => void;
}

/** Builds the narrow context of one operation attempt: nothing of the runtime leaks past it. */
export function createOperationContext(
  inputs: ContextInputs,
  logger: Logger,
  egress: EgressGuard,
): OperationContext {
  const child = logger.child({
    runId: inputs.request.runId,
    actionName: inputs.request.actionName,
    attemptId: inputs.request.attemptId,
    operation: inputs.operation,
  });
  const context: OperationContext = {
    idempotencyKey: inputs.request.idempotencyKey,
    signal: inputs.signal,
    deadline: inputs.deadline,
    logger: {
      debug: (fields, message) => child.debug(fields, message),
      info: (fields, message) => child.info(fields, message),
      warn: (fields, message) => child.warn(fields, message),
      error: (fields, message) => child.error(fields, message),
    },
    network: egress.networkFor(DEFAULT_NAMESPACE),
    credentialsRejected: inputs.credentialsRejected,
  };
  if (inputs.connection !== undefined) context.connection = inputs.connection;
  if (inputs.request.pagination !== undefined) context.pagination = inputs.request.pagination;
  return context;
}
