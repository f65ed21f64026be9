import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonDifference, parseBody, subsetDifference } from './json-compare.js';

describe('case comparison rules', () => {
  it('compares JSON ignoring key order, numbers by value, arrays in order', () => {
    assert.equal(jsonDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1.0 }), undefined);
    assert.match(jsonDifference([1, 2], [2, 1]) ?? '', /\$\[0\]/);
    assert.match(jsonDifference({ a: 1 }, { a: 1, b: 2 }) ?? '', /expected keys \[a\], got \[a, b\]/);
    assert.match(jsonDifference('A', 'a') ?? '', /expected "A", got "a"/);
    assert.match(jsonDifference(null, undefined) ?? '', /expected null/);
  });

  it('treats objects as subsets but arrays and scalars by equality', () => {
    assert.equal(subsetDifference({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }), undefined);
    assert.match(subsetDifference({ inStock: [] }, { inStock: [1] }) ?? '', /inStock/);
    assert.match(subsetDifference({ a: 1 }, { b: 1 }) ?? '', /\$\.a: missing/);
  });

  it('reads a body that is not JSON as its raw text', () => {
    assert.deepEqual(parseBody('{"a":1}'), { a: 1 });
    assert.equal(parseBody('plain'), 'plain');
    assert.equal(parseBody(''), '');
  });
});
