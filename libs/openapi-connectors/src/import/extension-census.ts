/** Counts the `x-ms-*` extensions of a definition and says how each is handled. */
import type { ImportedConnector } from '../model/imported-connector.js';
import { isObject } from './json-path.js';

type Handling = ImportedConnector['extensions'][number]['handling'];

const APPLIED = new Set([
  'x-ms-summary',
  'x-ms-visibility',
  'x-ms-dynamic-values',
  'x-ms-dynamic-list',
  'x-ms-dynamic-schema',
  'x-ms-dynamic-properties',
  'x-ms-trigger',
  'x-ms-notification-url',
  'x-ms-notification-content',
  'x-ms-url-encoding',
  'x-ms-capabilities',
  'x-ms-pageable',
]);

/** Display, documentation or certification data: carried in the schemas, nothing to execute. */
const METADATA = new Set([
  'x-ms-trigger-hint',
  'x-ms-trigger-metadata',
  'x-ms-connector-metadata',
  'x-ms-api-annotation',
  'x-ms-api-annotations',
  'x-ms-test-value',
  'x-ms-no-generic-test',
  'x-ms-enum-values',
  'x-ms-permission',
  'x-ms-deployment-version',
  'x-ms-media-kind',
  'x-ms-editor',
  'x-ms-editor-options',
  'x-ms-localizeDefaultValue',
  'x-ms-openai-data',
]);

export function extensionHandling(name: string): Handling {
  if (APPLIED.has(name)) return 'applied';
  if (METADATA.has(name)) return 'metadata';
  return 'unsupported';
}

export function countExtensions(document: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-ms-')) counts.set(key, (counts.get(key) ?? 0) + 1);
      walk(value);
    }
  };
  walk(document);
  return counts;
}
