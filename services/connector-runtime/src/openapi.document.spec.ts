import { test } from 'node:test';
import { assertOpenApiDocumentCurrent } from '@patchbay/testkit';
import { openApiDocument } from './openapi.document.js';

test('openapi.json is valid OpenAPI and what the code generates (else: npm run openapi)', async () => {
  await assertOpenApiDocumentCurrent(openApiDocument(), new URL('../openapi.json', import.meta.url));
});
