/**
 * Reading a definition and its `apiProperties.json`: a file path, an http(s) URL, or an already parsed object.
 * JSON and YAML are read by json-schema-ref-parser, which also bundles references to other files or URLs into
 * the document (local `#/...` references stay as they are). Schema problems are found by swagger-parser's
 * validator against the official Swagger 2.0 / OpenAPI 3.x schemas.
 */
import { parse, bundle } from '@apidevtools/json-schema-ref-parser';
import SwaggerParser from '@apidevtools/swagger-parser';
import { DefinitionUnreadableError } from '../errors.js';
import type { ImportWarning } from '../model/imported-connector.js';
import { isObject, pointerToPath } from './json-path.js';

/** A definition to import: a file path, an `http(s)://` URL, or the parsed JSON/YAML object. */
export type DefinitionInput = string | URL | Record<string, unknown>;

export function describeInput(input: DefinitionInput): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return 'the given definition';
}

/** Reads the document. Throws `DefinitionUnreadableError` when the source cannot be read or parsed. */
export async function readDocument(input: DefinitionInput): Promise<unknown> {
  const label = describeInput(input);
  try {
    if (typeof input === 'string' || input instanceof URL) {
      const location = input instanceof URL ? input.href : input;
      return await parse(location, { resolve: { http: { timeout: 30_000 } } });
    }
    return structuredClone(input);
  } catch (error) {
    throw new DefinitionUnreadableError(label, (error as Error).message, { cause: error });
  }
}

/** Bundles references to other files into the document; local references stay. */
export async function bundleDocument(
  document: Record<string, unknown>,
  input: DefinitionInput,
): Promise<Record<string, unknown>> {
  const label = describeInput(input);
  const base = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  try {
    const bundled = base === undefined ? await bundle(document) : await bundle(base, document, {});
    return bundled as Record<string, unknown>;
  } catch (error) {
    throw new DefinitionUnreadableError(label, `references do not resolve: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** swagger-parser's `validate`, typed for what we pass (a plain object and the options we use). */
const validateAgainstSchema = SwaggerParser.validate.bind(SwaggerParser) as unknown as (
  api: object,
  options: object,
) => Promise<unknown>;

interface AjvDetail {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Problems of the document against the official schema, one per JSON path (first 25), as warnings. */
export async function schemaWarnings(document: Record<string, unknown>): Promise<ImportWarning[]> {
  try {
    await validateAgainstSchema(structuredClone(document), {
      validate: { spec: false },
      dereference: { circular: 'ignore' },
    });
    return [];
  } catch (error) {
    const details = (error as { details?: AjvDetail[] }).details;
    if (!Array.isArray(details)) {
      return [
        {
          path: '$',
          message: `does not validate: ${(error as Error).message}`,
          feature: 'schema-validation',
        },
      ];
    }
    const byPath = new Map<string, string>();
    for (const detail of details) {
      const path = pointerToPath(detail.instancePath ?? '', document);
      if (byPath.has(path)) continue;
      const extra =
        isObject(detail.params) && typeof detail.params['additionalProperty'] === 'string'
          ? ` (${detail.params['additionalProperty']})`
          : '';
      byPath.set(path, `${detail.message ?? 'is invalid'}${extra}`);
    }
    return [...byPath].slice(0, 25).map(([path, message]) => ({
      path,
      message: `against the official schema: ${message}`,
      feature: 'schema-validation',
    }));
  }
}
