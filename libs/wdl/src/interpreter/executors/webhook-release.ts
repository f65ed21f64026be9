/**
 * Unsubscribing a webhook action (`HttpWebhook`, `ApiConnectionWebhook`) once it stops waiting: after its
 * callback, on its timeout, when the run is cancelled or terminated. The `unsubscribe` command is sent once and
 * not awaited: as in Logic Apps, its failure does not change the action (connector-runtime logs it).
 */
import type { RunSession } from '../run-session.js';
import type { ActionInstanceState } from '../run-state.js';
import { attemptKey, connectorCommand } from './connector-command.js';

/** True when the action's inputs give an unsubscribe step (HttpWebhook's `unsubscribe` is optional). */
function hasUnsubscribe(session: RunSession, instance: ActionInstanceState, actionType: string): boolean {
  if (actionType !== 'HttpWebhook') return true;
  const inputs = session.secure.open(instance.result.inputs) as Record<string, unknown> | undefined;
  const unsubscribe = inputs?.['unsubscribe'];
  return unsubscribe !== null && typeof unsubscribe === 'object' && Object.keys(unsubscribe).length > 0;
}

/** Emits the instance's `unsubscribe`, with the subscribe attempt's outputs when they are known. */
export function emitUnsubscribe(session: RunSession, instance: ActionInstanceState): void {
  const webhook = instance.webhook;
  if (webhook === undefined) return;
  const node = session.node(instance.name);
  if (!hasUnsubscribe(session, instance, node.info?.type ?? '')) return;
  const subscription = session.secure.open(webhook.subscription);
  session.emit(
    connectorCommand(session, instance, node, attemptKey(session.state.runId, instance, 'unsubscribe'), {
      operation: 'unsubscribe',
      ...(subscription === undefined ? {} : { subscription }),
    }),
  );
}

/**
 * The instance stops waiting before its callback (timeout, cancellation): unsubscribes when a subscription
 * exists or may exist (a subscribe attempt in flight may have taken effect). Call before `finish`, which
 * clears `pending`.
 */
export function releaseWebhook(session: RunSession, instance: ActionInstanceState): void {
  const webhook = instance.webhook;
  if (webhook === undefined) return;
  if (webhook.phase === 'waiting' || instance.pending?.kind === 'connector')
    emitUnsubscribe(session, instance);
}
