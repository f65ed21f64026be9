import { serviceOpenApiDocument, type OpenApiDocument } from '@patchbay/platform';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import type { ConnectionStoreConfig } from './config/connection-store.config.js';

/**
 * This service's OpenAPI document, generated from its root module (`npm run openapi` writes it to
 * `openapi.json`; openapi.document.spec.ts fails when that file is stale). The module is only assembled, never
 * started: its dependencies are placeholders, since building the module definition does not touch them.
 */
export function openApiDocument(): OpenApiDocument {
  return serviceOpenApiDocument(
    'connection-store',
    AppModule.forRoot({} as ConnectionStoreConfig, {} as Logger),
  );
}
