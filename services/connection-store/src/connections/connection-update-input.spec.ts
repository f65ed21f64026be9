import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';
import { checkUpdateForAuthType, parseUpdateConnection } from './connection-update-input.js';

function problemsOf(fn: () => unknown): FieldProblem[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationFailedError, `expected ValidationFailedError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected a validation failure');
}

describe('parseUpdateConnection', () => {
  it('keeps only the fields that are present', () => {
    assert.deepEqual(parseUpdateConnection({ tags: { env: 'prod' } }), { tags: { env: 'prod' } });
    assert.deepEqual(parseUpdateConnection({ displayName: ' CRM ', secrets: { token: 't' } }), {
      displayName: 'CRM',
      secrets: { token: 't' },
    });
  });

  it('names each field a connection keeps for life', () => {
    const problems = problemsOf(() => parseUpdateConnection({ name: 'x', authType: 'basic', tags: {} }));
    assert.deepEqual(
      problems.map((p) => [p.path, p.message]),
      [
        ['body.name', 'cannot be changed; create a new connection instead'],
        ['body.authType', 'cannot be changed; create a new connection instead'],
      ],
    );
  });

  it('refuses an update that changes nothing', () => {
    assert.deepEqual(
      problemsOf(() => parseUpdateConnection({})).map((p) => [p.path, p.message, p.expected]),
      [
        [
          'body',
          'changes nothing',
          'at least one of displayName, tags, parameters, secrets, executionEnvironment',
        ],
      ],
    );
  });

  it('reports one problem per bad field, never echoing a secret', () => {
    const problems = problemsOf(() =>
      parseUpdateConnection({
        displayName: '',
        tags: { 'bad key!': 'v', ok: 7 },
        secrets: { token: 12345 },
        extra: 1,
      }),
    );
    const byPath = new Map(problems.map((p) => [p.path, p]));
    assert.equal(byPath.get('body.displayName')?.message, 'must not be empty');
    assert.equal(byPath.get('body.tags.ok')?.message, 'must be a string');
    assert.equal(byPath.get('body.secrets.token')?.found, 'a number');
    assert.equal(byPath.get('body.extra')?.message, 'is not a known field');
    assert.ok(
      problems.some((p) => p.path.startsWith('body.tags') && p.message === 'is not a valid tag key'),
      JSON.stringify(problems),
    );
    assert.ok(!JSON.stringify(problems).includes('12345'));
  });

  it('limits the number of tags', () => {
    const tags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    assert.deepEqual(
      problemsOf(() => parseUpdateConnection({ tags })).map((p) => [p.path, p.message]),
      [['body.tags', 'has more than 20 tags']],
    );
  });
});

describe('checkUpdateForAuthType', () => {
  it('wants the complete secret set of the auth type', () => {
    const problems = problemsOf(() =>
      checkUpdateForAuthType('basic', { secrets: { token: 'x' }, parameters: {} }, false),
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body.secrets.password', 'body.secrets.token'],
    );
  });

  it('accepts a metadata-only update whatever the auth type', () => {
    assert.doesNotThrow(() => checkUpdateForAuthType('basic', { tags: { a: 'b' } }, false));
  });

  it('refuses secrets for store-managed auth types', () => {
    assert.deepEqual(
      problemsOf(() => checkUpdateForAuthType('bearer', { secrets: { token: 'x' } }, true)).map(
        (p) => p.path,
      ),
      ['body.secrets'],
    );
  });
});
