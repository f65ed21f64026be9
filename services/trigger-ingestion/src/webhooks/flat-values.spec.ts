import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flatValues } from './flat-values.js';

describe('flatValues', () => {
  it('joins repeated values with the separator and leaves absent ones out', () => {
    assert.deepEqual(flatValues({ a: 'x', b: ['y', 'z'], c: undefined }, ', '), { a: 'x', b: 'y, z' });
    assert.deepEqual(flatValues({ q: ['1', '2'] }, ','), { q: '1,2' });
  });
});
