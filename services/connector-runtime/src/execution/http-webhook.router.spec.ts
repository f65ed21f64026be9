import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorRegistry, InvalidInputsError } from '@patchbay/connector-sdk';
import type { ActionRequested } from '@patchbay/contracts';
import { HttpConnector } from '../connectors/http/http.connector.js';
import { HttpWebhookActionRouter } from './http-webhook.router.js';

const registry = new ConnectorRegistry();
registry.register(new HttpConnector({ timeoutMs: 1_000, maxResponseBytes: 1_024 }).declaration());
const router = new HttpWebhookActionRouter(registry);

function request(patch: Partial<ActionRequested>): ActionRequested {
  return {
    runId: '00000000-0000-4000-8000-000000000001',
    workflowId: '00000000-0000-4000-8000-0000000000aa',
    actionName: 'Hook',
    attemptId: 'a',
    idempotencyKey: 'a',
    actionType: 'HttpWebhook',
    inputs: {
      subscribe: { method: 'POST', uri: 'http://target.test/s', body: { cb: 'http://hooks.test/cb' } },
      unsubscribe: { method: 'DELETE', url: 'http://target.test/s/1' },
    },
    requestedAt: '2026-11-26T10:00:00.000Z',
    ...patch,
  };
}

describe('HttpWebhookActionRouter', () => {
  it('sends inputs.subscribe through the http connector for subscribe', () => {
    const routed = router.route(request({ operation: 'subscribe', callbackUrl: 'http://hooks.test/cb' }));
    assert.equal(routed.action.qualifiedName, 'http@1.0.0/request');
    assert.deepEqual(routed.inputs, {
      method: 'POST',
      uri: 'http://target.test/s',
      body: { cb: 'http://hooks.test/cb' },
    });
  });

  it('reads unsubscribe.url (as Logic Apps documents it) as the uri', () => {
    const routed = router.route(request({ operation: 'unsubscribe' }));
    assert.deepEqual(routed.inputs, { method: 'DELETE', uri: 'http://target.test/s/1' });
  });

  it('refuses a request that names no operation, or an operation without inputs', () => {
    assert.throws(() => router.route(request({})), InvalidInputsError);
    assert.throws(
      () =>
        router.route(
          request({ operation: 'unsubscribe', inputs: { subscribe: { method: 'POST', uri: 'x' } } }),
        ),
      /\/unsubscribe/,
    );
  });
});
