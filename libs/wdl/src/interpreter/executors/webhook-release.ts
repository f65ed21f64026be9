/**
 * Unsubscribing a webhook action (`HttpWebhook`, `ApiConnectionWebhook`) once it stops waiting: after its
 * callback, on its timeout, when the run is cancelled or terminated (with a subscribe in flight: once it
 * answers). The `unsubscribe` command is sent once and not awaited: as in Logic Apps, its failure does not change
 * the action (connector-runtime logs it).
 */
import type { RunSession } from '../run-session.js';
import type { ActionCompletedEvent } from '../interpreter-events.js';
import type { ActionInstanceState } from '../run-state.js';
import { attemptKey, connectorCommand } from './connector-command.js';

/** True when the action's inputs give an unsubscribe step (HttpWebhook's `unsubscribe` is optional). */
function hasUnsubscribe(session: RunSession, instance: ActionInstanceState, actionType: string): boolean {
  if (actionType !== 'HttpWebhook') return true;
  const inputs = session.secure.open(instance.result.inputs) as Record<string, unknown> | undefined;
  const unsubscribe = inputs?.['unsubscribe'];
  return unsubscribe !== null && typeof unsubscribe === 'object' && Object.keys(unsubscribe).length > 0;
}

/** Emits the instance's `unsubscribe` with the given (opened) subscription, when the action declares one. */
function sendUnsubscribe(session: RunSession, instance: ActionInstanceState, subscription: unknown): void {
  const node = session.node(instance.name);
  if (!hasUnsubscribe(session, instance, node.info?.type ?? '')) return;
  session.emit(
    connectorCommand(session, instance, node, attemptKey(session.state.runId, instance, 'unsubscribe'), {
      operation: 'unsubscribe',
      ...(subscription === undefined ? {} : { subscription }),
    }),
  );
}

/** Emits the instance's `unsubscribe`, with the subscribe attempt's outputs when they are known. */
export function emitUnsubscribe(session: RunSession, instance: ActionInstanceState): void {
  const webhook = instance.webhook;
  if (webhook === undefined) return;
  sendUnsubscribe(session, instance, session.secure.open(webhook.subscription));
}

/**
 * The instance stops waiting before its callback (timeout, cancellation). Waiting: unsubscribes now. A subscribe
 * attempt in flight: nothing is sent yet (an unsubscribe now would carry no subscription and could reach the
 * target before the subscribe); the attempt is kept in `releasing`, not cancelled, and its answer sends the
 * unsubscribe ({@link completeRelease}). Answers true in that case. Call before `finish`, which clears `pending`.
 */
export function releaseWebhook(session: RunSession, instance: ActionInstanceState): boolean {
  const webhook = instance.webhook;
  if (webhook === undefined) return false;
  if (webhook.phase === 'waiting') {
    emitUnsubscribe(session, instance);
    return false;
  }
  const pending = instance.pending;
  if (pending?.kind !== 'connector') return false;
  delete session.state.inFlight[pending.commandId];
  // The instance is final from here on: the copy kept is the one the unsubscribe is built from.
  session.state.releasing = { ...session.state.releasing, [pending.commandId]: instance };
  return true;
}

/** True when `commandId` is a webhook's subscribe attempt that {@link releaseWebhook} would keep. */
export function isReleasableSubscribe(session: RunSession, commandId: string): boolean {
  const instance = session.state.actions[session.state.inFlight[commandId] ?? ''];
  return (
    instance?.webhook?.phase === 'subscribing' &&
    instance.pending?.kind === 'connector' &&
    instance.pending.commandId === commandId
  );
}

/**
 * The answer of a released instance's subscribe attempt: success sends the one unsubscribe with its outputs as
 * the subscription, failure sends none. Answers false when `commandId` is not a releasing attempt. When the
 * last one has answered, the run ends as it was held to.
 */
export function completeRelease(session: RunSession, event: ActionCompletedEvent): boolean {
  const releasing = session.state.releasing;
  const instance = releasing?.[event.commandId];
  if (releasing === undefined || instance === undefined) return false;
  const { [event.commandId]: _done, ...rest } = releasing;
  if (Object.keys(rest).length > 0) session.state.releasing = rest;
  else delete session.state.releasing;
  if (event.status === 'Succeeded') sendUnsubscribe(session, instance, event.outputs);
  if (session.state.releasing === undefined) session.endHeldRun();
  return true;
}

/**
 * Gives up on the releasing subscribes (the run is cancelled again while its end is held): each gets its
 * unsubscribe now with what is known (no subscription), so the run ends without waiting longer.
 */
export function abandonReleases(session: RunSession): void {
  const releasing = session.state.releasing;
  if (releasing === undefined) return;
  delete session.state.releasing;
  for (const instance of Object.values(releasing)) sendUnsubscribe(session, instance, undefined);
}
