import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputValidator, SchemaCompileError } from './input-validator.js';

describe('InputValidator', () => {
  const validator = new InputValidator();

  it('checks standard formats and accepts OpenAPI storage formats and x-ms keywords', () => {
    const schema = validator.compile(
      {
        type: 'object',
        properties: {
          callback: { type: 'string', format: 'uri' },
          since: { type: 'string', format: 'date-time' },
          count: { type: 'integer', format: 'int32', 'x-ms-visibility': 'advanced' },
          file: { type: 'string', format: 'binary' },
          note: { type: 'string', nullable: true },
        },
      },
      'test',
    );
    assert.deepEqual(
      schema.check({
        callback: 'https://example.test/x',
        since: '2024-01-02T03:04:05Z',
        count: 3,
        file: 'AA',
        note: null,
      }),
      [],
    );
    assert.deepEqual(schema.check({ callback: 'not a uri', since: 'yesterday', count: 1.5 }), [
      { path: '/callback', message: 'must match format "uri"' },
      { path: '/since', message: 'must match format "date-time"' },
      { path: '/count', message: 'must be integer' },
    ]);
  });

  it('names the place of a schema that does not compile', () => {
    assert.throws(
      () =>
        validator.compile({ type: 'object', properties: { a: { minimum: 'x' } } }, 'actions[0].inputSchema'),
      (error: unknown) =>
        error instanceof SchemaCompileError && /^actions\[0\]\.inputSchema: /.test(error.message),
    );
  });
});
