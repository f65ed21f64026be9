import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertOpenApiDocumentCurrent, firstDifference } from './openapi-document.js';

const valid = {
  openapi: '3.1.1',
  info: { title: 't', version: '1' },
  paths: {
    '/a/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

async function fileWith(content: string): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
  const file = join(dir, 'openapi.json');
  await writeFile(file, content);
  return pathToFileURL(file);
}

test('firstDifference names the first differing path', () => {
  assert.equal(firstDifference({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }), '$.a.c');
  assert.equal(firstDifference({ a: [1, 2] }, { a: [1, 2] }), undefined);
  assert.equal(firstDifference({ a: 1 }, { a: 1, b: 2 }), '$.b');
});

test('a current, valid document passes', async () => {
  await assertOpenApiDocumentCurrent(valid, await fileWith(JSON.stringify(valid)));
});

test('a stale checked-in document fails, telling to run npm run openapi', async () => {
  const stale = { ...valid, info: { title: 'old', version: '1' } };
  await assert.rejects(
    assertOpenApiDocumentCurrent(valid, await fileWith(JSON.stringify(stale))),
    /differs from what the code generates \(first at \$\.info\.title\): run `npm run openapi`/,
  );
});

test('a missing checked-in document fails, telling to run npm run openapi', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
  await assert.rejects(
    assertOpenApiDocumentCurrent(valid, pathToFileURL(join(dir, 'openapi.json'))),
    /cannot be read .*run `npm run openapi`/,
  );
});

test('an invalid generated document fails validation', async () => {
  // The path names a parameter the operation does not declare.
  const invalid = {
    ...valid,
    paths: { '/a/{id}': { get: { responses: { '200': { description: 'ok' } } } } },
  };
  await assert.rejects(
    assertOpenApiDocumentCurrent(invalid, await fileWith(JSON.stringify(invalid))),
    /the generated OpenAPI document is invalid/,
  );
});
