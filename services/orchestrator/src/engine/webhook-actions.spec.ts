import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { verifyActionCallback, type ActionCallback } from '@patchbay/contracts';
import { WdlRunEngine } from './wdl-run-engine.js';
import { AesGcmSealer } from './aes-gcm-sealer.js';
import { actionCallbackUrls } from './action-callback-urls.js';
import type { EngineCommand } from './run-engine.port.js';
import { stepEffects } from '../runs/step-effects.js';
import { manualTriggerFired, requestWorkflow } from '../test-support/request-workflow.js';

const RUN_ID = '00000000-0000-4000-8000-000000000002';
const WORKFLOW_ID = '00000000-0000-4000-8000-0000000000bb';
const KEYS = ['a-signing-key-of-some-length', 'an-older-signing-key-0000'];

const definition = requestWorkflow({
  Hook: {
    type: 'HttpWebhook',
    runAfter: {},
    inputs: {
      subscribe: {
        method: 'POST',
        uri: 'http://127.0.0.1:9/subscribe',
        body: { cb: '@listCallbackUrl()' },
      },
      unsubscribe: { method: 'POST', uri: 'http://127.0.0.1:9/unsubscribe' },
    },
  },
  Respond: {
    type: 'Response',
    kind: 'Http',
    runAfter: { Hook: ['Succeeded'] },
    inputs: { statusCode: 200, body: "@body('Hook')" },
  },
});

const trigger = manualTriggerFired(RUN_ID, WORKFLOW_ID, { headers: {}, body: {} });

function requests(commands: EngineCommand[]): Extract<EngineCommand, { kind: 'requestAction' }>[] {
  return commands.filter(
    (c): c is Extract<EngineCommand, { kind: 'requestAction' }> => c.kind === 'requestAction',
  );
}

describe('WdlRunEngine: webhook actions', () => {
  const engine = new WdlRunEngine(
    new AesGcmSealer([randomBytes(32)]),
    actionCallbackUrls(KEYS, 'http://hooks.example:8080'),
  );

  it('subscribes with a signed callback URL, completes on the callback and unsubscribes; action.requested carries it', () => {
    const started = engine.start({
      runId: RUN_ID,
      workflowId: WORKFLOW_ID,
      workflowName: 'waits',
      workflowVersion: 1,
      definition,
      parameters: {},
      trigger,
      now: new Date('2026-11-26T10:00:00.100Z'),
    });
    const [subscribe] = requests(started.commands);
    assert.equal(subscribe?.operation, 'subscribe');
    const url = new URL(subscribe?.callbackUrl ?? '');
    assert.equal(url.origin, 'http://hooks.example:8080');
    const match = /^\/api\/hooks\/runs\/([^/]+)\/callbacks\/([^/]+)$/.exec(url.pathname);
    assert.ok(match, url.pathname);
    assert.equal(match[1], RUN_ID);
    assert.ok(verifyActionCallback(KEYS, RUN_ID, match[2]!, url.searchParams.get('sig') ?? ''));
    assert.deepEqual((subscribe?.inputs as { subscribe: { body: unknown } }).subscribe.body, {
      cb: subscribe?.callbackUrl,
    });
    const effects = stepEffects(
      { id: RUN_ID, workflowId: WORKFLOW_ID, triggerName: 'manual', revision: 1 },
      started,
      [],
      { publishActionEvents: false, at: '2026-11-26T10:00:00.100Z' },
    );
    const requested = effects.events.find((e) => e.topic === 'patchbay.action.requested.v1');
    assert.equal((requested?.data as { operation?: string }).operation, 'subscribe');
    assert.equal((requested?.data as { callbackUrl?: string }).callbackUrl, subscribe?.callbackUrl);

    const waiting = engine.onActionCompleted(
      started.state,
      {
        runId: RUN_ID,
        actionName: 'Hook',
        attemptId: subscribe.attemptId,
        status: 'Succeeded',
        outputs: { statusCode: 201, headers: { location: 'http://127.0.0.1:9/subs/1' }, body: {} },
        startedAt: '2026-11-26T10:00:00.200Z',
        endedAt: '2026-11-26T10:00:00.300Z',
      },
      new Date('2026-11-26T10:00:00.400Z'),
      definition,
    );
    assert.equal(waiting.status, 'Running');
    assert.deepEqual(waiting.commands, []);

    const callback: ActionCallback = {
      runId: RUN_ID,
      callbackId: match[2]!,
      receivedAt: '2026-11-26T10:00:05.000Z',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      queries: {},
      body: { approved: true },
    };
    const done = engine.onActionCallback(
      waiting.state,
      callback,
      new Date('2026-11-26T10:00:05.100Z'),
      definition,
    );
    assert.equal(done.status, 'Succeeded');
    const respond = done.commands.find((c) => c.kind === 'respond');
    assert.deepEqual(respond?.kind === 'respond' ? respond.body : undefined, { approved: true });
    const [unsubscribe] = requests(done.commands);
    assert.equal(unsubscribe?.operation, 'unsubscribe');
    assert.deepEqual((unsubscribe?.subscription as { headers: unknown }).headers, {
      location: 'http://127.0.0.1:9/subs/1',
    });
    const doneEffects = stepEffects(
      { id: RUN_ID, workflowId: WORKFLOW_ID, triggerName: 'manual', revision: 3 },
      done,
      [],
      { publishActionEvents: false, at: '2026-11-26T10:00:05.100Z' },
    );
    const unsubscribeEvent = doneEffects.events.find((e) => e.topic === 'patchbay.action.requested.v1');
    assert.equal((unsubscribeEvent?.data as { operation?: string }).operation, 'unsubscribe');
    assert.ok((unsubscribeEvent?.data as { subscription?: unknown }).subscription !== undefined);

    const again = engine.onActionCallback(
      done.state,
      callback,
      new Date('2026-11-26T10:00:06.000Z'),
      definition,
    );
    assert.deepEqual(again.commands, [], 'a duplicate callback changes nothing');
  });
});
