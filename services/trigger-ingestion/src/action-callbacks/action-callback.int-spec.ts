import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actionCallbackPath, callbackPath } from '@patchbay/contracts';
import {
  kafkaOf,
  resolveInfrastructure,
  SIGNING_KEY,
  startService,
  waitFor,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';
import { ActionCallbackCollector } from '../test-support/action-callback.collector.js';

describe('webhook action callbacks against real Kafka', () => {
  let service: RunningService;
  let collector: ActionCallbackCollector;
  const accepted = randomUUID();
  const refused = randomUUID();

  before(async () => {
    const infra = await resolveInfrastructure();
    // The previous key of a rotation still verifies URLs signed before it.
    service = await startService(infra, {
      PATCHBAY_WEBHOOK_SIGNING_KEY: `a-newer-signing-key-000000,${SIGNING_KEY}`,
    });
    collector = new ActionCallbackCollector(kafkaOf(infra), new Set([accepted, refused]));
    await collector.start();
  });

  after(async () => {
    await collector?.stop();
    await service?.close();
  });

  it('publishes a signed callback durably before answering 202, body, headers and queries included', async () => {
    const path = actionCallbackPath(SIGNING_KEY, accepted, 'cb-1');
    const response = await fetch(`${service.baseUrl}${path}&extra=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-approval': 'yes' },
      body: JSON.stringify({ approved: true, by: 'ada' }),
    });
    assert.equal(response.status, 202, await response.text());
    const event = await waitFor(() => collector.of(accepted)[0], {
      timeoutMs: 20_000,
      description: 'the action.callback event',
    });
    assert.equal(event.callbackId, 'cb-1');
    assert.equal(event.method, 'POST');
    assert.deepEqual(event.body, { approved: true, by: 'ada' });
    assert.equal(event.headers['x-approval'], 'yes');
    assert.deepEqual(event.queries, { extra: '1' }, 'the signature stays out of the event');

    const text = await fetch(`${service.baseUrl}${actionCallbackPath(SIGNING_KEY, accepted, 'cb-2')}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'done',
    });
    assert.equal(text.status, 202);
    const second = await waitFor(() => collector.of(accepted).find((e) => e.callbackId === 'cb-2'), {
      timeoutMs: 20_000,
      description: 'the text callback',
    });
    assert.equal(second.body, 'done');
  });

  it('refuses a bad signature, a trigger URL signature and another method, publishing nothing', async () => {
    const good = actionCallbackPath(SIGNING_KEY, refused, 'cb-1');
    const answers: [string, number, string][] = [];
    const call = async (label: string, url: string, method = 'POST'): Promise<void> => {
      const response = await fetch(url, {
        method,
        ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
      });
      answers.push([label, response.status, await response.text()]);
    };
    await call('tampered', `${service.baseUrl}${good.replace(/sig=./, 'sig=x')}`);
    await call('unsigned', `${service.baseUrl}${good.split('?')[0]}`);
    await call('other callback id', `${service.baseUrl}${good.replace('/cb-1?', '/cb-2?')}`);
    // A Request trigger's signed URL for the same ids must not pass as an action callback.
    const triggerSig = new URLSearchParams(callbackPath(SIGNING_KEY, refused, 'cb-1', 0).split('?')[1]).get(
      'sig',
    );
    await call('trigger signature', `${service.baseUrl}${good.split('?')[0]}?sig=${triggerSig}`);
    await call('GET', `${service.baseUrl}${good}`, 'GET');
    assert.deepEqual(
      answers.map(([label, status]) => [label, status]),
      [
        ['tampered', 401],
        ['unsigned', 401],
        ['other callback id', 401],
        ['trigger signature', 401],
        ['GET', 405],
      ],
    );
    const [, , unsigned] = answers[1]!;
    assert.match(unsigned, /INVALID_SIGNATURE/);
    assert.match(answers[4]![2], /accept POST/);
    await collector.drain();
    assert.deepEqual(collector.of(refused), []);
  });
});
