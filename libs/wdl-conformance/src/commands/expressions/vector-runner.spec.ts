import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCheck } from './check-automation.js';
import { jsonEqual, nodeTexts, xmlEqual } from './result-comparison.js';
import { runVector } from './vector-runner.js';

const xml = (text: string): unknown => ({
  '$content-type': 'application/xml;charset=utf-8',
  $content: Buffer.from(text).toString('base64'),
});

describe('expression vector runner', () => {
  it('compares JSON without regard to key order, numbers by value', () => {
    assert.equal(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1.0 }), true);
    assert.equal(jsonEqual([1, 2], [2, 1]), false);
    assert.equal(jsonEqual({ a: 1 }, { a: 1, b: undefined }), false);
    assert.equal(jsonEqual(null, {}), false);
  });

  it('compares XML by structure and text, ignoring the declaration and white space between elements', () => {
    assert.equal(xmlEqual('<?xml version="1.0"?><a x="1"> <b>t</b> </a>', '<a x="1"><b>t</b></a>'), true);
    assert.equal(xmlEqual('<a><b>t</b></a>', '<a><b>u</b></a>'), false);
    assert.equal(xmlEqual('<a>', '<a/>'), false);
    assert.deepEqual(nodeTexts([xml('<n a="1">Gala</n>'), 'Paris']), ['Gala', 'Paris']);
  });

  it('automates the checks it can read, and only those', () => {
    assert.deepEqual(applyCheck('regex ^[0-9a-f]{32}$ (N format)', 'c2ecc88d88c84096912cd6f2e2b138ce'), {
      automated: true,
      passed: true,
      how: 'matches ^[0-9a-f]{32}$',
    });
    assert.deepEqual(applyCheck('Integer in {1,2,3,4} (min inclusive)', 5), {
      automated: true,
      passed: false,
      how: 'one of {1,2,3,4}',
    });
    assert.deepEqual(
      applyCheck("whose decoded bytes are the UTF-8 bytes of 'hi'", {
        '$content-type': 'application/octet-stream',
        $content: 'aGk=',
      }),
      { automated: true, passed: true, how: "decoded bytes equal 'hi'" },
    );
    assert.equal(
      applyCheck('A string that parses as JSON to {"a": 1} (whitespace)', '{"a":1}').automated,
      true,
    );
    assert.deepEqual(applyCheck('Body of part 0 of a multipart output.', 'x'), { automated: false });
  });

  it('applies the README rules in order', () => {
    assert.equal(
      runVector({ id: 'x-1', function: 'x', expression: '@div(1, 0)', expected: { error: true } }).outcome,
      'pass',
    );
    assert.equal(
      runVector({ id: 'x-2', function: 'x', expression: '@add(1, 1)', expected: 3, ambiguous: true }).outcome,
      'ambiguous',
    );
    assert.equal(
      runVector({
        id: 'x-3',
        function: 'x',
        expression: '@utcNow()',
        nondeterministic: true,
        context: { now: '2020-01-01T00:00:00Z' },
        expectedIfClockPinned: '2020-01-01T00:00:00.0000000Z',
      }).outcome,
      'pass',
    );
    assert.equal(
      runVector({ id: 'x-4', function: 'x', expression: '@add(1, 1)', expected: 3 }).outcome,
      'fail',
    );
    assert.equal(
      runVector({
        id: 'x-5',
        function: 'x',
        expression: "@result('S')",
        resultUndocumented: true,
        context: { note: 'inside a scope' },
      }).outcome,
      'reported',
    );
    assert.equal(
      runVector({ id: 'x-6', function: 'x', expression: "@uriComponentToBinary('a')", expected: 'YQ==' })
        .outcome,
      'pass',
    );
  });
});
