import { Controller, Get, Inject, type Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  buildOpenApiDocument,
  openApiDocumentPath,
  type OpenApiDocument,
} from './openapi-document.builder.js';

/** The description every service's document carries. */
export function openApiDescription(service: string): string {
  return (
    `Admin REST API of the Patchbay ${service} service, generated from its code. The four services share one ` +
    'base URL (the Helm Ingress, or the gateway of deploy/local), each serving the paths it owns.'
  );
}

/**
 * A controller serving the service's own OpenAPI document at `/api/openapi/<service>.json`, built on the first
 * call from the controllers the running app registered (the same generator `npm run openapi` uses).
 */
export function openApiControllerFor(service: string): Type<unknown> {
  @Controller()
  class OpenApiController {
    private document: OpenApiDocument | undefined;

    constructor(@Inject(ModulesContainer) private readonly modules: ModulesContainer) {}

    @Get(openApiDocumentPath(service))
    serve(): OpenApiDocument {
      this.document ??= buildOpenApiDocument({
        service,
        description: openApiDescription(service),
        root: [...this.modules.values()].flatMap((module) =>
          [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type<unknown>),
        ),
      });
      return this.document;
    }
  }
  return OpenApiController;
}
