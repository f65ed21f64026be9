import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WebhookSubscription } from '../persistence/webhook-subscription.repository.js';
import { afterFailure, afterSuccess, UNSUBSCRIBE_ATTEMPTS } from './subscription-outcomes.js';
import {
  canUnsubscribe,
  evaluateSubscriptionInputs,
  isWebhookTrigger,
  SubscriptionInputsError,
} from './webhook-trigger.js';

const config = { PATCHBAY_POLL_BACKOFF_MS: 1_000, PATCHBAY_POLL_BACKOFF_MAX_MS: 4_000 };
const now = new Date('2026-11-26T10:00:00.000Z');
const callbackUrl = 'http://127.0.0.1:8080/api/hooks/w/triggers/t/invoke?sv=0&sig=s';

function row(overrides: Partial<WebhookSubscription> = {}): WebhookSubscription {
  return {
    id: '1d1c2a5e-8a43-4c4f-9a53-2f1f7f0a9b12',
    workflowId: '0b7e4f3c-1c8e-4f3f-8f0c-3a8d2b9e7c55',
    triggerName: 'onEvent',
    workflowVersion: 2,
    triggerType: 'HttpWebhook',
    spec: { name: 'onEvent', type: 'HttpWebhook', signatureKeyVersion: 0 },
    wanted: true,
    state: 'pending',
    subscription: null,
    failures: 0,
    nextAttemptAt: now,
    inFlight: null,
    lastError: null,
    lastErrorAt: null,
    subscribedAt: null,
    unsubscribedAt: null,
    ...overrides,
  };
}

const refused = { code: 'HttpStatus503', message: 'unavailable', retryable: true };

describe('webhook triggers', () => {
  it('knows the webhook trigger types in any letter case', () => {
    assert.equal(isWebhookTrigger({ type: 'HttpWebhook' }), true);
    assert.equal(isWebhookTrigger({ type: 'apiconnectionwebhook' }), true);
    assert.equal(isWebhookTrigger({ type: 'Request' }), false);
    assert.equal(isWebhookTrigger({ type: 'ApiConnection' }), false);
  });

  it('evaluates listCallbackUrl() in the inputs to the callback URL', () => {
    const inputs = evaluateSubscriptionInputs(
      {
        name: 't',
        type: 'HttpWebhook',
        signatureKeyVersion: 0,
        inputs: {
          subscribe: { method: 'POST', uri: 'http://svc/hooks', body: { url: '@{listCallbackUrl()}' } },
          unsubscribe: {
            method: 'DELETE',
            uri: "@{concat('http://svc/hooks?url=', encodeUriComponent(listCallbackUrl()))}",
          },
        },
      },
      callbackUrl,
      now,
    ) as { subscribe: { body: { url: string } }; unsubscribe: { uri: string } };
    assert.equal(inputs.subscribe.body.url, callbackUrl);
    assert.equal(inputs.unsubscribe.uri, `http://svc/hooks?url=${encodeURIComponent(callbackUrl)}`);
  });

  it('reads the workflow parameters announced with the trigger', () => {
    const inputs = evaluateSubscriptionInputs(
      {
        name: 't',
        type: 'HttpWebhook',
        signatureKeyVersion: 0,
        parameters: { serviceUrl: 'http://svc.example' },
        inputs: { subscribe: { method: 'POST', uri: "@{parameters('serviceUrl')}/hooks" } },
      },
      callbackUrl,
      now,
    ) as { subscribe: { uri: string } };
    assert.equal(inputs.subscribe.uri, 'http://svc.example/hooks');
  });

  it('names the failing expression of the inputs', () => {
    assert.throws(
      () =>
        evaluateSubscriptionInputs(
          {
            name: 't',
            type: 'HttpWebhook',
            signatureKeyVersion: 0,
            inputs: { subscribe: { method: 'POST', uri: "@parameters('missing')" } },
          },
          callbackUrl,
          now,
        ),
      (error: Error) => error instanceof SubscriptionInputsError && /missing/.test(error.message),
    );
  });

  it('unsubscribes an HttpWebhook only when it says how', () => {
    const spec = { name: 't', type: 'HttpWebhook', signatureKeyVersion: 0 };
    assert.equal(
      canUnsubscribe({ ...spec, inputs: { subscribe: { method: 'POST', uri: 'http://x' } } }),
      false,
    );
    assert.equal(
      canUnsubscribe({ ...spec, inputs: { unsubscribe: { method: 'DELETE', uri: 'http://x' } } }),
      true,
    );
    assert.equal(canUnsubscribe({ ...spec, type: 'ApiConnectionWebhook', inputs: {} }), true);
  });

  it('retries a failed subscribe with a doubling, capped back-off and keeps the error', () => {
    const first = afterFailure(row(), 'subscribe', refused, now, config);
    assert.equal(first.update.state, 'pending');
    assert.equal(first.update.nextAttemptAt?.getTime(), now.getTime() + 1_000);
    assert.deepEqual(first.update.lastError, { ...refused, operation: 'subscribe' });
    assert.equal(first.decision.outcome, 'subscribe-failed');
    const later = afterFailure(row({ failures: 9 }), 'subscribe', refused, now, config);
    assert.equal(later.update.state, 'pending');
    assert.equal(later.update.nextAttemptAt?.getTime(), now.getTime() + 4_000);
  });

  it('gives up an unsubscribe after the allowed attempts, or at once when retrying cannot help', () => {
    const retired = row({ wanted: false, state: 'subscribed' });
    const again = afterFailure(retired, 'unsubscribe', refused, now, config);
    assert.equal(again.update.state, 'subscribed');
    assert.equal(again.decision.outcome, 'unsubscribe-failed');
    const last = afterFailure(
      { ...retired, failures: UNSUBSCRIBE_ATTEMPTS - 1 },
      'unsubscribe',
      refused,
      now,
      config,
    );
    assert.equal(last.update.state, 'abandoned');
    assert.equal(last.update.nextAttemptAt, null);
    assert.equal(last.decision.outcome, 'unsubscribe-abandoned');
    const hopeless = afterFailure(
      retired,
      'unsubscribe',
      { code: 'HttpStatus400', message: 'no', retryable: false },
      now,
      config,
    );
    assert.equal(hopeless.update.state, 'abandoned');
  });

  it('keeps what a subscribe answered, and takes it back at once when retired meanwhile', () => {
    const outputs = { statusCode: 201, headers: { location: 'http://svc/hooks/7' }, body: null };
    const kept = afterSuccess(row(), 'subscribe', outputs, now);
    assert.equal(kept.update.state, 'subscribed');
    assert.deepEqual(kept.update.subscription, outputs);
    assert.equal(kept.update.nextAttemptAt, null);
    assert.equal(kept.update.lastError, null);
    assert.equal(kept.decision.detail.statusCode, 201);
    const retiredMeanwhile = afterSuccess(row({ wanted: false }), 'subscribe', outputs, now);
    assert.equal(retiredMeanwhile.update.state, 'subscribed');
    assert.equal(retiredMeanwhile.update.nextAttemptAt, now);
    const gone = afterSuccess(row({ wanted: false, state: 'subscribed' }), 'unsubscribe', undefined, now);
    assert.equal(gone.update.state, 'unsubscribed');
    assert.equal(gone.decision.outcome, 'unsubscribed');
  });
});
