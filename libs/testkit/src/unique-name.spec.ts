import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestkitError } from './errors.js';
import { uniqueName } from './unique-name.js';

describe('uniqueName', () => {
  it('starts with the prefix and differs on every call', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueName('orders')));
    assert.equal(names.size, 200);
    for (const name of names) assert.match(name, /^orders-[0-9a-z]+-[0-9a-f]{6}$/);
  });

  it('uses the separator it is given, e.g. underscores for SQL identifiers', () => {
    assert.match(uniqueName('run_store', '_'), /^run_store_[0-9a-z]+_[0-9a-f]{6}$/);
  });

  it('rejects prefixes that are not safe as topic, schema or path names', () => {
    for (const prefix of ['', 'Orders', '1abc', 'a b', 'a/b']) {
      assert.throws(
        () => uniqueName(prefix),
        (error: unknown) => error instanceof TestkitError && error.code === 'INVALID_NAME_PREFIX',
      );
    }
  });
});
