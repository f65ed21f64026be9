import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchStubKey, parseStubKey, StubServer } from './stub-server.js';

describe('stub keys', () => {
  it('parses method, path and query pairs', () => {
    assert.deepEqual(parseStubKey('post /orders?region=eu&x=a%20b'), {
      text: 'post /orders?region=eu&x=a%20b',
      method: 'POST',
      path: '/orders',
      query: [
        ['region', 'eu'],
        ['x', 'a b'],
      ],
    });
  });

  it('prefers the key with a query part and ignores extra query parameters', () => {
    const keys = ['POST /orders', 'POST /orders?region=eu'];
    assert.equal(
      matchStubKey(keys, { method: 'post', path: '/orders', query: { region: 'eu', page: '2' } }),
      'POST /orders?region=eu',
    );
    assert.equal(
      matchStubKey(keys, { method: 'POST', path: '/orders', query: { region: 'us' } }),
      'POST /orders',
    );
    assert.equal(matchStubKey(keys, { method: 'GET', path: '/orders', query: {} }), undefined);
  });
});

describe('StubServer', () => {
  it('answers from the script in order, repeats the last entry, records requests and 404s the rest', async () => {
    const stub = new StubServer({
      'POST /notify': [
        { status: 500, body: { error: 'busy' } },
        { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' },
      ],
    });
    const port = await stub.start();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`http://127.0.0.1:${port}/notify?n=${i}`, {
          method: 'POST',
          body: '{"t":1}',
        });
        statuses.push(response.status);
        await response.text();
      }
      const missing = await fetch(`http://127.0.0.1:${port}/other`);
      await missing.text();
      assert.deepEqual(statuses, [500, 200, 200]);
      assert.equal(missing.status, 404);
      assert.equal(stub.requestsFor('POST /notify').length, 3);
      assert.equal(stub.requestsFor('POST /notify')[0]?.body, '{"t":1}');
      assert.equal(stub.warnings.length, 1);
    } finally {
      await stub.stop();
    }
  });
});
