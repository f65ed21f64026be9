import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkExpectations } from './expectations.js';
import type { CaseOutcome } from './case-outcome.js';

const outcome: CaseOutcome = {
  httpResponse: { statusCode: 201, headers: { 'x-order-ref': 'ORD-1' }, bodyText: '{"id":"1","n":2}' },
  runStatus: 'Succeeded',
  runCount: 1,
  actions: {
    Call: { status: 'Succeeded', outputs: { statusCode: 200, body: { ok: true } } },
    Skip: { status: 'Skipped' },
  },
  iterations: { Loop: 3 },
  errors: [],
  warnings: [],
};

describe('checkExpectations', () => {
  it('passes when every present field matches', () => {
    const problems = checkExpectations(
      {
        httpResponse: {
          statusCode: 201,
          body: { n: 2, id: '1' },
          headersInclude: { 'X-Order-Ref': 'ORD-1' },
        },
        runStatus: 'Succeeded',
        runCount: 1,
        iterations: { Loop: 3, Other: 0 },
        actions: {
          Call: { status: 'Succeeded', outputsSubset: { statusCode: 200 }, body: { ok: true } },
          Skip: { statusOneOf: ['Skipped', 'Succeeded'] },
        },
      },
      outcome,
    );
    assert.deepEqual(problems, []);
  });

  it('lists every mismatch', () => {
    const problems = checkExpectations(
      {
        httpResponse: { statusCode: 200, headersInclude: { 'X-Order-Ref': 'ORD-2' } },
        runStatus: 'Failed',
        runError: { code: 'X' },
        iterations: { Loop: 2 },
        actions: { Call: { status: 'Failed', outputs: {} }, Missing: { status: 'Succeeded' } },
      },
      outcome,
    );
    assert.equal(problems.length, 8, problems.join('\n'));
  });

  it('reports run errors as failures', () => {
    assert.deepEqual(checkExpectations({}, { ...outcome, errors: ['the run did not finish within 60 s'] }), [
      'the run did not finish within 60 s',
    ]);
  });
});
