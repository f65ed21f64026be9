import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpInputs } from './http-inputs.js';

describe('parseHttpInputs', () => {
  it('normalises a Logic Apps Http action', () => {
    const result = parseHttpInputs({
      method: 'post',
      uri: 'https://api.example.com/items',
      headers: { 'X-Count': 3 },
      queries: { page: 2, all: true },
      body: { a: 1 },
      authentication: { type: 'basic', username: 'u', password: 'p' },
      retryPolicy: { type: 'none' },
    });
    assert.deepEqual(result, {
      ok: true,
      inputs: {
        method: 'POST',
        uri: 'https://api.example.com/items',
        headers: { 'X-Count': '3' },
        queries: { page: '2', all: 'true' },
        body: { a: 1 },
        authentication: { kind: 'basic', username: 'u', password: 'p' },
        followRedirects: true,
      },
    });
  });

  it('accepts Raw authentication', () => {
    const result = parseHttpInputs({
      method: 'GET',
      uri: 'http://h/x',
      authentication: { type: 'Raw', value: 'Bearer t' },
    });
    assert.ok(result.ok);
    assert.deepEqual(result.inputs.authentication, { kind: 'raw', value: 'Bearer t' });
  });

  it('names the invalid fields', () => {
    const result = parseHttpInputs({ method: 'GE T', uri: 'ftp://h/x' });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems, [
      'method: is not an HTTP method',
      'uri: is not an absolute http(s) URL',
    ]);
  });

  it('reports Logic Apps authentication types that are not implemented', () => {
    const result = parseHttpInputs({
      method: 'GET',
      uri: 'http://h',
      authentication: { type: 'ManagedServiceIdentity' },
    });
    assert.deepEqual(result, {
      ok: false,
      unsupportedAuthentication: 'ManagedServiceIdentity',
      problems: [],
    });
  });

  it('never quotes an authentication value in a problem', () => {
    const result = parseHttpInputs({
      method: 'GET',
      uri: 'http://h',
      authentication: { type: 'Basic', username: 'u', password: 42 },
    });
    assert.equal(result.ok, false);
    assert.ok(!JSON.stringify(result).includes('42'));
  });
});
