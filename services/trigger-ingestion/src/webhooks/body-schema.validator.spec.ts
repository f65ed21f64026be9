import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BodySchemaValidator, UncompilableSchemaError } from './body-schema.validator.js';

const schema = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    status: { enum: ['new', 'paid'] },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
  },
  required: ['id', 'status'],
};

describe('BodySchemaValidator', () => {
  it('accepts a body that fits (a draft-04 $schema is tolerated)', () => {
    const validator = new BodySchemaValidator();
    assert.deepEqual(validator.check('k', schema, { id: 1, status: 'new', lines: [{ sku: 'a' }] }), {
      ok: true,
    });
  });

  it('names every problem with its path under body', () => {
    const validator = new BodySchemaValidator();
    const result = validator.check('k', schema, { status: 'lost', lines: [{ sku: 4 }] });
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body/id', 'body/status', 'body/lines/0/sku'],
    );
    assert.equal(problems[1]?.expected, 'one of ["new","paid"]');
    assert.equal(problems[2]?.expected, 'string');
  });

  it('rejects a non-object where an object is required', () => {
    const result = new BodySchemaValidator().check('k', schema, 'plain text');
    assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.message), ['must be object']);
  });

  it('reports a schema that cannot be compiled', () => {
    assert.throws(
      () => new BodySchemaValidator().check('bad', { type: 'no-such-type' }, {}),
      UncompilableSchemaError,
    );
  });
});
