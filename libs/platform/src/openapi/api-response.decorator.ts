import type { JsonSchemaSource } from './json-schema-source.js';

/** Metadata key of the responses `@ApiResponse` declares on a route handler. */
export const API_RESPONSES_METADATA = 'patchbay:api-responses';

export interface ApiResponseDeclaration {
  status: number;
  description: string;
  /** The body's schema (a zod schema, or any Standard JSON Schema); none: the answer has no body. */
  schema?: JsonSchemaSource;
  /** Content type of the body; default `application/json`. */
  contentType?: string;
}

/**
 * Documents one answer of a route for the generated OpenAPI document. Errors need no declaration: every route
 * documents the platform error body (`{ error: { code, message, problems } }`) for 4XX and 5XX.
 */
export function ApiResponse(
  status: number,
  description: string,
  schema?: JsonSchemaSource,
  contentType?: string,
): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const declared = (Reflect.getMetadata(API_RESPONSES_METADATA, handler) ?? []) as ApiResponseDeclaration[];
    const response: ApiResponseDeclaration = { status, description };
    if (schema !== undefined) response.schema = schema;
    if (contentType !== undefined) response.contentType = contentType;
    Reflect.defineMetadata(API_RESPONSES_METADATA, [...declared, response], handler);
  };
}

export function declaredResponses(handler: object): ApiResponseDeclaration[] {
  return (Reflect.getMetadata(API_RESPONSES_METADATA, handler) ?? []) as ApiResponseDeclaration[];
}
