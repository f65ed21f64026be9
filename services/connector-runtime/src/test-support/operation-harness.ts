import { pino } from 'pino';
import type { OperationContext, RegisteredAction, ResolvedConnection } from '@patchbay/connector-sdk';
import { EgressGuard } from '../egress/egress-guard.js';
import { EgressPolicy, type EgressRule } from '@patchbay/egress';
import { ActionErrorCode, failed, outcomeOfError, type ActionOutcome } from '../execution/action-failure.js';

/** What local test servers need: loopback allowed explicitly, as PATCHBAY_EGRESS_ALLOW=127.0.0.0/8 does. */
export const LOOPBACK_ALLOWED: EgressRule[] = [
  { name: 'PATCHBAY_EGRESS_ALLOW=127.0.0.0/8', effect: 'allow', cidrs: ['127.0.0.0/8', '::1/128'] },
];

export interface HarnessOptions {
  signal?: AbortSignal;
  budgetMs?: number;
  connection?: ResolvedConnection;
  credentialsRejected?: () => void;
  guard?: EgressGuard;
  idempotencyKey?: string;
}

const silent = pino({ level: 'silent' });

/** An egress guard for tests; close it in `after`. */
export function testGuard(rules: EgressRule[] = LOOPBACK_ALLOWED): EgressGuard {
  return new EgressGuard(new EgressPolicy(rules), 5_000);
}

/** The context connector-runtime would give an operation, for unit and connector integration specs. */
export function operationContext(guard: EgressGuard, options: HarnessOptions = {}): OperationContext {
  const context: OperationContext = {
    idempotencyKey: options.idempotencyKey ?? 'run/Call/0',
    signal: options.signal ?? new AbortController().signal,
    deadline: Date.now() + (options.budgetMs ?? 10_000),
    logger: silent,
    network: guard.networkFor('default'),
    credentialsRejected: options.credentialsRejected ?? (() => undefined),
  };
  if (options.connection !== undefined) context.connection = options.connection;
  return context;
}

/** Runs one action the way ActionExecutor does and answers its outcome. */
export async function runAction(
  action: RegisteredAction,
  inputs: unknown,
  context: OperationContext,
): Promise<ActionOutcome> {
  try {
    const result = await action.execute(context, inputs);
    return {
      status: 'Succeeded',
      outputs: Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)),
    };
  } catch (error) {
    return (
      outcomeOfError(error, context.signal) ??
      failed(ActionErrorCode.InternalConnectorError, (error as Error).message, false)
    );
  }
}
