import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TriggerSpec } from '@patchbay/contracts';
import { concurrencyLimitOf, DEFAULT_MAXIMUM_WAITING_RUNS } from './concurrency-limit.js';

const spec = (extra: Partial<TriggerSpec>): TriggerSpec => ({
  name: 't',
  type: 'Request',
  signatureKeyVersion: 0,
  ...extra,
});

describe('concurrencyLimitOf', () => {
  it('reads runs and maximumWaitingRuns', () => {
    assert.deepEqual(
      concurrencyLimitOf(spec({ runtimeConfiguration: { concurrency: { runs: 3, maximumWaitingRuns: 7 } } })),
      { runs: 3, maximumWaitingRuns: 7 },
    );
    assert.deepEqual(concurrencyLimitOf(spec({ runtimeConfiguration: { concurrency: { runs: 2 } } })), {
      runs: 2,
      maximumWaitingRuns: DEFAULT_MAXIMUM_WAITING_RUNS,
    });
  });

  it('treats SingleInstance as one run at a time', () => {
    assert.equal(
      concurrencyLimitOf(spec({ operationOptions: 'EnableSchemaValidation, SingleInstance' }))?.runs,
      1,
    );
  });

  it('has no limit without either, or with a runs value that is not a positive integer', () => {
    assert.equal(concurrencyLimitOf(spec({})), undefined);
    assert.equal(concurrencyLimitOf(spec({ runtimeConfiguration: { concurrency: { runs: 0 } } })), undefined);
    assert.equal(
      concurrencyLimitOf(spec({ runtimeConfiguration: { concurrency: { runs: '2' } } })),
      undefined,
    );
  });
});
