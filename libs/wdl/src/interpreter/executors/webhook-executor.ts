/**
 * Webhook actions (`HttpWebhook`, `ApiConnectionWebhook`): the host makes a callback URL per action instance
 * (`listCallbackUrl()` inside the action returns it); a `subscribe` attempt hands it to the target, with the
 * retry policy and `limit.timeout` of any connector action; once subscribed the action waits (`Waiting`) for
 * the callback, whose headers and body become its outputs; then `unsubscribe` is sent. A callback that comes
 * before the subscribe attempt's answer is kept and used as soon as the subscribe succeeds.
 */
import type { ActionNode } from '../../definition/index.js';
import type { ActionCallbackEvent } from '../interpreter-events.js';
import { ActionFailure } from '../interpreter-errors.js';
import { isFinalStatus } from '../instance-keys.js';
import { cloneValue, type RunSession } from '../run-session.js';
import type { ActionInstanceState, WebhookCallback, WebhookState } from '../run-state.js';
import { secureSettingsOf } from '../secure-data.js';
import { emitUnsubscribe } from './webhook-release.js';

const WEBHOOK_TYPES: ReadonlySet<string> = new Set(['HttpWebhook', 'ApiConnectionWebhook']);

export function isWebhookAction(node: ActionNode): boolean {
  return WEBHOOK_TYPES.has(node.info?.type ?? '');
}

/** Gives a starting webhook instance its callback id and URL (before its inputs are evaluated). */
export function beginWebhook(session: RunSession, instance: ActionInstanceState): WebhookState {
  const make = session.actionCallbackUrl;
  if (make === undefined)
    throw new ActionFailure(
      'CallbackUrlUnavailable',
      `Action '${instance.name}' waits for a callback, but the host gave the interpreter no way to make ` +
        'callback URLs (StartOptions.actionCallbackUrl).',
    );
  const callbackId = session.newGuid();
  const callbackUrl = make({
    runId: session.state.runId,
    callbackId,
    actionName: instance.name,
    iterationPath: [...instance.path],
  });
  const webhook: WebhookState = { phase: 'subscribing', callbackId, callbackUrl };
  instance.webhook = webhook;
  return webhook;
}

function sealIfSecure(session: RunSession, instance: ActionInstanceState, value: unknown): unknown {
  const secure = secureSettingsOf(session.node(instance.name).definition).outputs;
  return secure ? session.secure.seal(value) : value;
}

function complete(session: RunSession, instance: ActionInstanceState, callback: WebhookCallback): void {
  session.finish(instance, {
    status: 'Succeeded',
    outputs: {
      statusCode: 200,
      headers: callback.headers,
      ...('body' in callback ? { body: callback.body } : {}),
    },
    code: 'OK',
  });
  emitUnsubscribe(session, instance);
}

/** The subscribe attempt succeeded: wait for the callback, or complete with one that came first. */
export function subscribed(session: RunSession, instance: ActionInstanceState, outputs: unknown): void {
  const webhook = instance.webhook as WebhookState;
  if (outputs !== undefined) webhook.subscription = sealIfSecure(session, instance, cloneValue(outputs));
  if (webhook.early !== undefined) {
    const early = session.secure.open(webhook.early) as WebhookCallback;
    delete webhook.early;
    complete(session, instance, early);
    return;
  }
  webhook.phase = 'waiting';
  instance.result.status = 'Waiting';
  instance.pending = { kind: 'callback', callbackId: webhook.callbackId };
}

function waitingInstance(session: RunSession, callbackId: string): ActionInstanceState | undefined {
  for (const instance of Object.values(session.state.actions)) {
    if (instance.webhook?.callbackId === callbackId) return instance;
  }
  return undefined;
}

/** Applies `actionCallback`. Callbacks of unknown or finished instances change nothing. */
export function receiveCallback(session: RunSession, event: ActionCallbackEvent): void {
  const instance = waitingInstance(session, event.callbackId);
  if (instance === undefined || isFinalStatus(instance.result.status)) return;
  const webhook = instance.webhook as WebhookState;
  const callback: WebhookCallback = {
    headers: { ...event.headers },
    ...(event.body === undefined ? {} : { body: cloneValue(event.body) }),
  };
  if (webhook.phase === 'waiting') {
    complete(session, instance, callback);
    return;
  }
  // Subscribe not answered yet (or failed and waiting for a retry): keep the first callback for later.
  webhook.early ??= sealIfSecure(session, instance, callback);
}
