import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestkitError } from './errors.js';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first truthy value of the condition', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        return calls >= 3 ? { calls } : undefined;
      },
      { timeoutMs: 5000, intervalMs: 1 },
    );
    assert.deepEqual(value, { calls: 3 });
  });

  it('treats a throwing condition as not yet met', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 2) throw new Error('not yet');
        return 'done';
      },
      { timeoutMs: 5000, intervalMs: 1 },
    );
    assert.equal(value, 'done');
  });

  it('fails with WAIT_FOR_TIMEOUT, the description and the last error when time runs out', async () => {
    await assert.rejects(
      waitFor(
        () => {
          throw new Error('broker unreachable');
        },
        { timeoutMs: 20, intervalMs: 5, description: 'a message on topic t' },
      ),
      (error: unknown) =>
        error instanceof TestkitError &&
        error.code === 'WAIT_FOR_TIMEOUT' &&
        error.message.includes('a message on topic t') &&
        error.message.includes('broker unreachable'),
    );
  });

  it('reports a condition that stayed false', async () => {
    await assert.rejects(
      waitFor(() => false, { timeoutMs: 10, intervalMs: 2 }),
      /condition not met within 10 ms \(still false\)/,
    );
  });
});
