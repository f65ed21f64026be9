import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponseBody, flattenHeaders } from './http-response-body.js';

describe('decodeResponseBody', () => {
  it('parses JSON by content type, including +json and parameters', () => {
    assert.deepEqual(decodeResponseBody(Buffer.from('{"a":[1]}'), 'application/json; charset=utf-8'), {
      a: [1],
    });
    assert.deepEqual(decodeResponseBody(Buffer.from('{"t":"x"}'), 'application/problem+json'), { t: 'x' });
  });

  it('keeps text when a JSON-labelled body does not parse', () => {
    assert.equal(decodeResponseBody(Buffer.from('oops'), 'application/json'), 'oops');
  });

  it('returns text for textual types and for unlabelled UTF-8', () => {
    assert.equal(decodeResponseBody(Buffer.from('<a/>'), 'application/xml'), '<a/>');
    assert.equal(decodeResponseBody(Buffer.from('hé'), 'text/plain'), 'hé');
    assert.equal(decodeResponseBody(Buffer.from('{"a":1}'), undefined), '{"a":1}');
  });

  it('wraps binary content the Logic Apps way', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]);
    assert.deepEqual(decodeResponseBody(bytes, 'image/png'), {
      '$content-type': 'image/png',
      $content: bytes.toString('base64'),
    });
    assert.deepEqual(decodeResponseBody(bytes, undefined), {
      '$content-type': 'application/octet-stream',
      $content: bytes.toString('base64'),
    });
  });

  it('has no body for an empty response', () => {
    assert.equal(decodeResponseBody(Buffer.alloc(0), 'application/json'), undefined);
  });

  it('flattens repeated headers', () => {
    assert.deepEqual(flattenHeaders({ a: '1', b: ['x', 'y'], c: undefined }), { a: '1', b: 'x, y' });
  });
});
