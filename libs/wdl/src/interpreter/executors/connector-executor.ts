/**
 * Connector operations (Http, HttpWebhook, ApiConnection(Webhook), ServiceProvider, Function,
 * Workflow, ApiManagement, custom connectors) leave the interpreter as `executeConnectorAction`
 * commands. The interpreter owns the retry policy and the action timeout (`limit.timeout`).
 */
import { parseIsoDuration, type ActionNode } from '../../definition/index.js';
import type { ActionCompletedEvent } from '../interpreter-events.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import { cloneValue, type RunSession } from '../run-session.js';
import type { ActionInstanceState } from '../run-state.js';
import { evaluateValue } from '../template-evaluation.js';
import { httpStatusCodeName, statusCodeOf } from '../http-status-codes.js';
import { isRetryableFailure, retryDelayMs, retryPolicyOf } from '../retry-policy.js';
import { secureSettingsOf } from '../secure-data.js';
import { attemptKey, connectorCommand, declaredRetryPolicy } from './connector-command.js';
import { beginWebhook, isWebhookAction, subscribed } from './webhook-executor.js';
import { completeRelease, releaseWebhook } from './webhook-release.js';

/** The connection named by evaluated inputs, if any. */
export { connectionNameOf } from './connector-command.js';

export function startConnectorAction(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
): void {
  // A webhook action's inputs read its own callback URL (`listCallbackUrl()`).
  const webhook = isWebhookAction(node) ? beginWebhook(session, instance) : undefined;
  const inputsCtx = webhook === undefined ? ctx : ctx.withCallbackUrl(webhook.callbackUrl);
  const inputs = evaluateValue(session, node.definition.inputs ?? {}, inputsCtx, node.name);
  instance.result.inputs = secureSettingsOf(node.definition).inputs ? session.secure.seal(inputs) : inputs;
  const timeout = node.definition.limit?.timeout;
  if (timeout !== undefined) {
    const text = evaluateValue(session, timeout, ctx, node.name, 'limit');
    const ms = typeof text === 'string' ? parseIsoDuration(text) : undefined;
    if (ms === undefined)
      throw new ActionFailure(
        'InvalidTemplate',
        `The limit.timeout of action '${node.name}' is not an ISO 8601 duration.`,
      );
    instance.timeoutTimerId = session.startTimer(instance, 'actionTimeout', ms);
  }
  dispatchAttempt(session, instance, node);
}

/** Sends the next attempt of a connector action (a webhook's next subscribe attempt). */
export function dispatchAttempt(session: RunSession, instance: ActionInstanceState, node: ActionNode): void {
  instance.attempt += 1;
  const key = attemptKey(session.state.runId, instance, instance.attempt);
  instance.pending = { kind: 'connector', commandId: key };
  instance.result.status = 'Running';
  session.state.inFlight[key] = instance.key;
  const deadline =
    instance.timeoutTimerId === undefined ? undefined : session.state.timers[instance.timeoutTimerId]?.fireAt;
  const webhook = instance.webhook;
  session.emit(
    connectorCommand(session, instance, node, key, {
      ...(deadline === undefined ? {} : { deadline }),
      ...(webhook === undefined ? {} : { operation: 'subscribe', callbackUrl: webhook.callbackUrl }),
    }),
  );
}

function codeOf(outputs: unknown, fallback: string): string {
  const status = statusCodeOf(outputs);
  return status === undefined ? fallback : httpStatusCodeName(status);
}

/** Applies `actionCompleted`. Unknown or stale command ids are ignored (redelivery is harmless). */
export function completeConnectorAttempt(session: RunSession, event: ActionCompletedEvent): void {
  if (completeRelease(session, event)) return;
  const key = session.state.inFlight[event.commandId];
  if (key === undefined) return;
  delete session.state.inFlight[event.commandId];
  const instance = session.state.actions[key];
  if (
    instance === undefined ||
    instance.pending?.kind !== 'connector' ||
    instance.pending.commandId !== event.commandId
  )
    return;
  delete instance.pending;
  const node = session.node(instance.name);
  if (event.status === 'Succeeded' && instance.webhook !== undefined) {
    subscribed(session, instance, event.outputs);
    return;
  }
  if (event.status === 'Succeeded') {
    session.finish(instance, {
      status: 'Succeeded',
      outputs: event.outputs,
      code: codeOf(event.outputs, 'OK'),
    });
    return;
  }
  const policy = retryPolicyOf(declaredRetryPolicy(session.secure.open(instance.result.inputs)));
  const delay = isRetryableFailure(event.outputs, event.error)
    ? retryDelayMs(policy, instance.attempt, () => session.random())
    : undefined;
  if (event.outputs !== undefined) {
    const outputs = cloneValue(event.outputs);
    instance.result.outputs = secureSettingsOf(session.node(instance.name).definition).outputs
      ? session.secure.seal(outputs)
      : outputs;
  }
  if (delay !== undefined) {
    const timerId = session.startTimer(instance, 'retry', delay);
    instance.pending = { kind: 'timer', timerId, purpose: 'retry' };
    return;
  }
  const code = codeOf(event.outputs, event.error?.code ?? 'ActionFailed');
  const status = statusCodeOf(event.outputs);
  const error = event.error
    ? { code: event.error.code, message: event.error.message }
    : {
        code,
        message:
          status === undefined
            ? `Action '${node.name}' failed.`
            : `Action '${node.name}' failed with status code ${status}.`,
      };
  session.finish(instance, { status: 'Failed', outputs: event.outputs, code, error });
}

/** `limit.timeout` elapsed before the action finished: stop waiting and mark it TimedOut. */
export function timeOutConnectorAction(session: RunSession, instance: ActionInstanceState): void {
  // A webhook's subscribe in flight is not cancelled: its answer tells what to unsubscribe.
  const releasing = releaseWebhook(session, instance);
  const pending = instance.pending;
  if (pending?.kind === 'connector' && !releasing) {
    delete session.state.inFlight[pending.commandId];
    session.emit({ type: 'cancelConnectorAction', commandId: pending.commandId, reason: 'ActionTimedOut' });
  } else if (pending?.kind === 'timer') {
    session.cancelTimer(pending.timerId);
  }
  delete instance.timeoutTimerId;
  session.finish(instance, {
    status: 'TimedOut',
    code: 'ActionTimedOut',
    error: {
      code: 'ActionTimedOut',
      message: `The execution of action '${instance.name}' timed out (limit.timeout).`,
    },
  });
}
