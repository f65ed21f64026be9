import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TriggerSpec } from '@patchbay/contracts';
import { backoffMs } from './poll-backoff.js';
import { itemKey } from './item-key.js';
import { conditionsMet, withEvaluatedRecurrence } from '../firing/trigger-expressions.js';
import {
  connectionNameOf,
  connectorTriggerKind,
  evaluateTriggerInputs,
  TriggerInputsError,
} from './polling-trigger.js';

const spec = (type: string, inputs?: unknown): TriggerSpec => ({
  name: 't',
  type,
  signatureKeyVersion: 0,
  ...(inputs === undefined ? {} : { inputs }),
});

describe('polling trigger helpers', () => {
  it('tells polling, Kafka and other triggers apart', () => {
    assert.equal(connectorTriggerKind(spec('ApiConnection')), 'poll');
    const provider = (id: string) =>
      spec('ServiceProvider', { serviceProviderConfiguration: { serviceProviderId: id } });
    assert.equal(connectorTriggerKind(provider('/serviceProviders/postgresql')), 'poll');
    assert.equal(connectorTriggerKind(provider('/serviceProviders/kafka')), 'kafka');
    assert.equal(connectorTriggerKind(spec('Recurrence')), undefined);
    assert.equal(connectorTriggerKind(spec('Request')), undefined);
  });

  it('finds the connection name where actions put it', () => {
    assert.equal(connectionNameOf({ host: { connection: { name: 'a' } } }), 'a');
    assert.equal(connectionNameOf({ host: { connection: { referenceName: 'b' } } }), 'b');
    assert.equal(connectionNameOf({ serviceProviderConfiguration: { connectionName: 'c' } }), 'c');
    assert.equal(connectionNameOf({ host: {} }), undefined);
  });

  it('evaluates expressions in trigger inputs, and names a failing one', () => {
    const now = new Date('2026-11-26T10:00:00.000Z');
    assert.deepEqual(
      evaluateTriggerInputs(
        spec('ApiConnection', { queries: { day: "@{formatDateTime(utcNow(), 'yyyy-MM-dd')}" } }),
        now,
      ),
      {
        queries: { day: '2026-11-26' },
      },
    );
    assert.throws(
      () => evaluateTriggerInputs(spec('ApiConnection', { path: "@parameters('missing')" }), now),
      (error: unknown) => error instanceof TriggerInputsError && /missing/.test(error.message),
    );
  });

  it('reads the workflow parameters announced with the trigger, in inputs, recurrence and conditions', () => {
    const now = new Date('2026-11-26T10:00:00.000Z');
    const withParameters: TriggerSpec = {
      ...spec('ApiConnection', {
        path: "/rows/@{parameters('table')}",
        queries: { top: "@parameters('top')" },
      }),
      parameters: { table: 'orders', top: 25, every: 3 },
      recurrence: { frequency: 'Minute', interval: "@parameters('every')" },
      conditions: [{ expression: "@equals(triggerBody()?['table'], parameters('table'))" }],
    };
    assert.deepEqual(evaluateTriggerInputs(withParameters, now), {
      path: '/rows/orders',
      queries: { top: 25 },
    });
    assert.deepEqual(withEvaluatedRecurrence(withParameters).spec.recurrence, {
      frequency: 'Minute',
      interval: 3,
    });
    const result = (body: unknown) => ({
      name: 't',
      outputs: { headers: {}, body },
      startTime: now.toISOString(),
      endTime: now.toISOString(),
      status: 'Succeeded' as const,
    });
    assert.equal(conditionsMet(withParameters, result({ table: 'orders' }), now.toISOString()), true);
    assert.equal(conditionsMet(withParameters, result({ table: 'other' }), now.toISOString()), false);
    const missing = withEvaluatedRecurrence({ ...withParameters, parameters: {} });
    assert.match(missing.problem ?? '', /^recurrence: .*every/);
  });

  it('keys items by content, whatever the key order', () => {
    assert.equal(itemKey({ id: 1, ts: 'x' }), itemKey({ ts: 'x', id: 1 }));
    assert.notEqual(itemKey({ id: 1, ts: 'x' }), itemKey({ id: 1, ts: 'y' }));
  });

  it('backs off doubling from the first delay up to the cap', () => {
    const config = { PATCHBAY_POLL_BACKOFF_MS: 100, PATCHBAY_POLL_BACKOFF_MAX_MS: 1_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 40].map((f) => backoffMs(config, f)),
      [100, 200, 400, 800, 1_000, 1_000],
    );
  });
});
