import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, isRetryableFailure, retryDelayMs, retryPolicyOf } from './retry-policy.js';

describe('retry policy', () => {
  it('reads the policy types', () => {
    assert.deepEqual(retryPolicyOf(undefined), DEFAULT_RETRY_POLICY);
    assert.equal(retryPolicyOf({ type: 'None' }).count, 0);
    assert.deepEqual(retryPolicyOf({ type: 'fixed', count: 2, interval: 'PT5S' }), {
      ...DEFAULT_RETRY_POLICY,
      type: 'fixed',
      count: 2,
      intervalMs: 5000,
    });
    assert.equal(
      retryPolicyOf({ type: 'exponential', count: 3, interval: 'PT10S', maximumInterval: 'PT1M' })
        .maximumIntervalMs,
      60_000,
    );
  });

  it('retries 408, 429 and 5xx only', () => {
    for (const status of [408, 429, 500, 502, 503, 599])
      assert.equal(isRetryableFailure({ statusCode: status }, undefined), true, String(status));
    for (const status of [400, 401, 403, 404, 409, 422])
      assert.equal(isRetryableFailure({ statusCode: status }, undefined), false, String(status));
  });

  it('uses the documented exponential ranges, capped by maximumInterval', () => {
    const policy = retryPolicyOf({
      type: 'exponential',
      count: 5,
      interval: 'PT10S',
      minimumInterval: 'PT5S',
      maximumInterval: 'PT30S',
    });
    assert.equal(
      retryDelayMs(policy, 1, () => 0),
      5_000,
    );
    assert.equal(
      retryDelayMs(policy, 1, () => 0.999999),
      10_000,
    );
    assert.equal(
      retryDelayMs(policy, 2, () => 0),
      10_000,
    );
    assert.equal(
      retryDelayMs(policy, 3, () => 0),
      20_000,
    );
    assert.equal(
      retryDelayMs(policy, 3, () => 0.999999),
      30_000,
    );
    assert.equal(
      retryDelayMs(policy, 5, () => 0.5),
      30_000,
    );
    assert.equal(
      retryDelayMs(policy, 6, () => 0.5),
      undefined,
    );
  });
});
