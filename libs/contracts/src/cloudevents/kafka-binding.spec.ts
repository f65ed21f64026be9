import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCloudEvent, encodeCloudEvent } from './kafka-binding.js';
import { ContractViolationError } from '../errors.js';

describe('CloudEvents Kafka binary binding', () => {
  const event = {
    id: 'e-1',
    source: '/patchbay/test',
    type: 'dev.patchbay.trigger.fired.v1',
    time: '2026-11-26T10:00:00.000Z',
    subject: 'run-1',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    data: { a: 1, nested: { b: [true, null] } },
  };

  it('round-trips attributes as ce_* headers and data as the JSON value', () => {
    const record = encodeCloudEvent(event, 'run-1');
    assert.equal(record.headers.ce_specversion, '1.0');
    assert.equal(record.headers['content-type'], 'application/json');
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    assert.deepEqual(decodeCloudEvent(headers, record.value), event);
  });

  it('names the missing attribute', () => {
    const record = encodeCloudEvent(event, 'run-1');
    const { ce_source: _dropped, ...headers } = record.headers;
    assert.throws(() => decodeCloudEvent(headers, record.value), {
      name: 'ContractViolationError',
      message: /ce_source/,
    });
  });

  it('rejects a value that is not JSON', () => {
    const record = encodeCloudEvent(event, 'run-1');
    assert.throws(() => decodeCloudEvent(record.headers, Buffer.from('{nope')), ContractViolationError);
  });

  it('rejects another spec version', () => {
    const record = encodeCloudEvent(event, 'run-1');
    assert.throws(
      () => decodeCloudEvent({ ...record.headers, ce_specversion: '0.3' }, record.value),
      /ce_specversion/,
    );
  });
});
