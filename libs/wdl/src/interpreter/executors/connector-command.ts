/** The `executeConnectorAction` command of one connector attempt (or a webhook's subscribe/unsubscribe). */
import { parseOperationOptions, type ActionNode } from '../../definition/index.js';
import type { ExecuteConnectorActionCommand } from '../interpreter-commands.js';
import type { RunSession } from '../run-session.js';
import type { ActionInstanceState } from '../run-state.js';
import { secureSettingsOf } from '../secure-data.js';

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The connection named by evaluated inputs, if any. */
export function connectionNameOf(inputs: unknown): string | undefined {
  const candidates = [
    field(inputs, 'host', 'connection', 'name'),
    field(inputs, 'host', 'connection', 'referenceName'),
    field(inputs, 'serviceProviderConfiguration', 'connectionName'),
    field(inputs, 'function', 'connectionName'),
  ];
  return candidates.find((c): c is string => typeof c === 'string' && c !== '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withoutRetryPolicy(value: unknown): unknown {
  if (!isPlainObject(value) || !('retryPolicy' in value)) return value;
  const { retryPolicy: _policy, ...rest } = value;
  return rest;
}

/**
 * What the connector is given: the evaluated inputs without `retryPolicy`, which the interpreter applies
 * (HttpWebhook keeps it in `subscribe`).
 */
export function attemptInputs(evaluated: unknown): unknown {
  const inputs = withoutRetryPolicy(evaluated);
  if (isPlainObject(inputs) && isPlainObject(inputs['subscribe']))
    return { ...inputs, subscribe: withoutRetryPolicy(inputs['subscribe']) };
  return inputs;
}

/** The retry policy an action's inputs declare: `retryPolicy`, or HttpWebhook's `subscribe.retryPolicy`. */
export function declaredRetryPolicy(evaluated: unknown): unknown {
  if (!isPlainObject(evaluated)) return undefined;
  if (evaluated['retryPolicy'] !== undefined) return evaluated['retryPolicy'];
  const subscribe = evaluated['subscribe'];
  return isPlainObject(subscribe) ? subscribe['retryPolicy'] : undefined;
}

/** Stable key of an attempt: `<runId>/<actionName>/<iterationPath>/<suffix>` (the attempt number). */
export function attemptKey(runId: string, instance: ActionInstanceState, suffix: string | number): string {
  return `${runId}/${encodeURIComponent(instance.name)}/${instance.path.join('.')}/${suffix}`;
}

export function connectorCommand(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  commandId: string,
  extra: Pick<ExecuteConnectorActionCommand, 'deadline' | 'operation' | 'callbackUrl' | 'subscription'>,
): ExecuteConnectorActionCommand {
  const evaluated = session.secure.open(instance.result.inputs);
  const secure = secureSettingsOf(node.definition);
  const runtimeConfiguration = node.definition.runtimeConfiguration;
  const connectionName = connectionNameOf(evaluated);
  return {
    type: 'executeConnectorAction',
    commandId,
    idempotencyKey: commandId,
    runId: session.state.runId,
    actionName: instance.name,
    actionType: node.info?.type ?? String(node.definition.type),
    ...(node.definition.kind === undefined ? {} : { kind: node.definition.kind }),
    iterationPath: [...instance.path],
    attempt: Math.max(instance.attempt, 1),
    inputs: attemptInputs(evaluated),
    ...(connectionName === undefined ? {} : { connectionName }),
    ...(extra.deadline === undefined ? {} : { deadline: extra.deadline }),
    operationOptions: parseOperationOptions(node.definition.operationOptions),
    ...(runtimeConfiguration === undefined ? {} : { runtimeConfiguration: { ...runtimeConfiguration } }),
    secureInputs: secure.inputs,
    secureOutputs: secure.outputs,
    ...(extra.operation === undefined ? {} : { operation: extra.operation }),
    ...(extra.callbackUrl === undefined ? {} : { callbackUrl: extra.callbackUrl }),
    ...('subscription' in extra && extra.subscription !== undefined
      ? { subscription: extra.subscription }
      : {}),
  };
}
