import { serviceOpenApiDocument, type OpenApiDocument } from '@patchbay/platform';
import { TriggerIngestionModule, type TriggerIngestionDeps } from './app.module.js';

/**
 * This service's OpenAPI document, generated from its root module (`npm run openapi` writes it to
 * `openapi.json`; openapi.document.spec.ts fails when that file is stale). The module is only assembled, never
 * started: its dependencies are placeholders, since building the module definition does not touch them.
 */
export function openApiDocument(): OpenApiDocument {
  return serviceOpenApiDocument(
    'trigger-ingestion',
    TriggerIngestionModule.create({ config: {} } as TriggerIngestionDeps),
  );
}
