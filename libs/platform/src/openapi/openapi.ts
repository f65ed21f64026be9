import type { DynamicModule, Type } from '@nestjs/common';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.builder.js';
import { openApiDescription } from './openapi.controller.js';

/** The document of a service from its root module, without starting it (what `npm run openapi` writes). */
export function serviceOpenApiDocument(
  service: string,
  root: Type<unknown> | DynamicModule,
): OpenApiDocument {
  return buildOpenApiDocument({ service, description: openApiDescription(service), root });
}
