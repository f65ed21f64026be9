/**
 * Reading a definition and its `apiProperties.json`: a file path, an http(s) URL, or an already parsed object.
 * JSON and YAML are read by json-schema-ref-parser, which also bundles references to other files or URLs into
 * the document (local `#/...` references stay as they are). Schema problems are found by swagger-parser's
 * validator against the official Swagger 2.0 / OpenAPI 3.x schemas.
 */
import { bundle, isUnsafeUrl, parse } from '@apidevtools/json-schema-ref-parser';
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

export interface ReadOptions {
  /**
   * Allow URLs on loopback, private and link-local addresses. Off by default: json-schema-ref-parser's
   * safe-URL check refuses them (SSRF). It checks the URL's host, not the address connected to; services
   * that import from user URLs should fetch through their egress-checked client and pass the object.
   */
  allowPrivateUrls?: boolean;
}

function parserOptions(options: ReadOptions): Record<string, unknown> {
  return { resolve: { http: { timeout: 30_000, safeUrlResolver: options.allowPrivateUrls !== true } } };
}

/** Reads the document. Throws `DefinitionUnreadableError` when the source cannot be read or parsed. */
export async function readDocument(input: DefinitionInput, options: ReadOptions = {}): Promise<unknown> {
  const label = describeInput(input);
  const location = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  if (
    location !== undefined &&
    /^https?:/i.test(location) &&
    options.allowPrivateUrls !== true &&
    isUnsafeUrl(location)
  ) {
    throw new DefinitionUnreadableError(
      label,
      'the URL points at a loopback, private or link-local address (allowPrivateUrls is off)',
    );
  }
  try {
    if (location !== undefined) {
      return await parse(location, parserOptions(options));
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
  options: ReadOptions = {},
): Promise<Record<string, unknown>> {
  if (!hasExternalRefs(document)) return document;
  const label = describeInput(input);
  const base = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  try {
    const bundled =
      base === undefined
        ? await bundle(document, parserOptions(options))
        : await bundle(base, document, parserOptions(options));
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

function hasExternalRefs(node: unknown, seen = new Set<unknown>()): boolean {
  if (node === null || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((item) => hasExternalRefs(item, seen));
  const record = node as Record<string, unknown>;
  if (typeof record['$ref'] === 'string' && !record['$ref'].startsWith('#')) return true;
  return Object.values(record).some((value) => hasExternalRefs(value, seen));
}
