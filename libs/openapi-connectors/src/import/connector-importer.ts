/**
 * `importConnector`: a Swagger 2.0 or OpenAPI 3.x definition (plus Power Platform `apiProperties.json`) ->
 * `ImportedConnector`. A definition that cannot become a connector is rejected with `DefinitionRejectedError`
 * naming the JSON path of each problem; anything that can be skipped is skipped with a warning.
 */
import { DefinitionRejectedError, type DefinitionProblem } from '../errors.js';
import type { ImportedConnector, ImportWarning } from '../model/imported-connector.js';
import { buildConnection } from './connection-builder.js';
import {
  bundleDocument,
  describeInput,
  readDocument,
  schemaWarnings,
  type DefinitionInput,
} from './definition-source.js';
import { countExtensions, extensionHandling } from './extension-census.js';
import { isObject, jsonPath } from './json-path.js';
import { SchemaConverter } from './json-schema-converter.js';
import { openapi3Operations } from './openapi3-operations.js';
import { applyPolicyTemplates } from './policy-templates.js';
import { swagger2Operations } from './swagger2-operations.js';

export interface ImportOptions {
  /** The definition: file path, URL or parsed object. */
  definition: DefinitionInput;
  /** Power Platform `apiProperties.json`: file path, URL or parsed object. */
  apiProperties?: DefinitionInput;
  /** Connector id; default: the title in lower case, non-alphanumerics as `-`. */
  id?: string;
  /** Skip the check against the official Swagger/OpenAPI schema (its findings are only warnings). */
  skipSchemaCheck?: boolean;
  /** Allow definition URLs on loopback and private addresses (refused by default, SSRF). */
  allowPrivateUrls?: boolean;
}

type SpecVersion = ImportedConnector['specVersion'];

function specVersionOf(
  document: Record<string, unknown>,
  problems: DefinitionProblem[],
): SpecVersion | undefined {
  if (document['swagger'] !== undefined) {
    if (document['swagger'] === '2.0') return 'swagger-2.0';
    problems.push({
      path: jsonPath('swagger'),
      message: `must be "2.0", found ${JSON.stringify(document['swagger'])}`,
    });
    return undefined;
  }
  const openapi = document['openapi'];
  if (typeof openapi === 'string' && /^3\.0\.\d+/.test(openapi)) return 'openapi-3.0';
  if (typeof openapi === 'string' && /^3\.1\.\d+/.test(openapi)) return 'openapi-3.1';
  problems.push(
    openapi === undefined
      ? { path: '$', message: 'needs swagger: "2.0" or openapi: "3.0.x"/"3.1.x"' }
      : { path: jsonPath('openapi'), message: `must be 3.0.x or 3.1.x, found ${JSON.stringify(openapi)}` },
  );
  return undefined;
}

function checkApiProperties(
  raw: unknown,
  problems: DefinitionProblem[],
): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    problems.push({ path: 'apiProperties$', message: 'must be a JSON object' });
    return undefined;
  }
  const properties = raw['properties'];
  if (properties === undefined) return raw;
  if (!isObject(properties)) {
    problems.push({ path: `apiProperties${jsonPath('properties')}`, message: 'must be an object' });
    return undefined;
  }
  for (const key of ['connectionParameters', 'connectionParameterSets']) {
    if (properties[key] !== undefined && !isObject(properties[key])) {
      problems.push({ path: `apiProperties${jsonPath('properties', key)}`, message: 'must be an object' });
    }
  }
  if (
    properties['policyTemplateInstances'] !== undefined &&
    !Array.isArray(properties['policyTemplateInstances'])
  ) {
    problems.push({
      path: `apiProperties${jsonPath('properties', 'policyTemplateInstances')}`,
      message: 'must be an array',
    });
  }
  return raw;
}

function baseUrlOf(document: Record<string, unknown>, version: SpecVersion): string | undefined {
  if (version === 'swagger-2.0') {
    const host = document['host'];
    if (typeof host !== 'string' || host === '' || /[{}\s]/.test(host)) return undefined;
    const schemes = Array.isArray(document['schemes']) ? document['schemes'] : [];
    const scheme = schemes.includes('https')
      ? 'https'
      : typeof schemes[0] === 'string'
        ? schemes[0]
        : 'https';
    const basePath = typeof document['basePath'] === 'string' ? document['basePath'] : '';
    return `${scheme}://${host}${basePath === '/' ? '' : basePath}`;
  }
  const servers = Array.isArray(document['servers']) ? document['servers'] : [];
  const server: unknown = servers[0];
  if (!isObject(server) || typeof server['url'] !== 'string') return undefined;
  const variables = isObject(server['variables']) ? server['variables'] : {};
  const url = server['url'].replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable['default'] === 'string' ? variable['default'] : whole;
  });
  return /^https?:\/\/[^{}]+$/.test(url) ? url.replace(/\/+$/, '') : undefined;
}

function idOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'custom-connector'
  );
}

export async function importConnector(options: ImportOptions): Promise<ImportedConnector> {
  const label = describeInput(options.definition);
  const problems: DefinitionProblem[] = [];
  const warnings: ImportWarning[] = [];
  const read = { allowPrivateUrls: options.allowPrivateUrls === true };
  const raw = await readDocument(options.definition, read);
  if (!isObject(raw))
    throw new DefinitionRejectedError(label, [{ path: '$', message: 'must be a JSON or YAML object' }]);
  const version = specVersionOf(raw, problems);
  const apiProperties = checkApiProperties(
    options.apiProperties === undefined ? undefined : await readDocument(options.apiProperties, read),
    problems,
  );
  if (!isObject(raw['paths']))
    problems.push({ path: jsonPath('paths'), message: 'must be an object of paths' });
  if (version === undefined || problems.length > 0) throw new DefinitionRejectedError(label, problems);

  const document = await bundleDocument(raw, options.definition, read);
  if (options.skipSchemaCheck !== true) warnings.push(...(await schemaWarnings(document)));
  const context = { converter: new SchemaConverter(document, warnings), warnings };
  const operations =
    version === 'swagger-2.0'
      ? swagger2Operations(document, context, problems)
      : openapi3Operations(document, context, problems);
  const pathCount = Object.keys(document['paths'] as object).length;
  if (operations.length === 0 && pathCount > 0) {
    const skipped = warnings.filter((w) => w.feature === 'operation');
    throw new DefinitionRejectedError(
      label,
      skipped.length > 0
        ? skipped.map((w) => ({ path: w.path, message: w.message }))
        : [{ path: jsonPath('paths'), message: 'declares no operation' }],
    );
  }
  dedupeOperationIds(operations, warnings);
  const policies = applyPolicyTemplates(apiProperties, operations, warnings);
  const connection = buildConnection(document, apiProperties, warnings);

  const info = isObject(document['info']) ? document['info'] : {};
  const title =
    typeof info['title'] === 'string' && info['title'] !== '' ? info['title'] : 'Custom connector';
  const counts = countExtensions(document);
  const extensions = [...counts].map(([name, count]) => ({ name, count, handling: extensionHandling(name) }));
  const policyCounts = new Map<string, { count: number; supported: boolean }>();
  for (const template of policies.templates) {
    const entry = policyCounts.get(template.id) ?? { count: 0, supported: template.supported };
    entry.count += 1;
    entry.supported &&= template.supported;
    policyCounts.set(template.id, entry);
  }
  for (const [id, { count, supported }] of policyCounts) {
    extensions.push({ name: `policy:${id}`, count, handling: supported ? 'applied' : 'unsupported' });
  }
  for (const operation of operations) {
    const own = policies.hostUrlTemplates.get(operation.operationId);
    if (own !== undefined) operation.hostUrlTemplate = own;
  }
  const capabilities = isObject(document['x-ms-capabilities']) ? document['x-ms-capabilities'] : {};
  const testConnection = isObject(capabilities['testConnection'])
    ? capabilities['testConnection']['operationId']
    : undefined;
  const properties = isObject(apiProperties?.['properties']) ? apiProperties['properties'] : {};
  const baseUrl = baseUrlOf(document, version);
  if (
    baseUrl === undefined &&
    policies.hostUrlTemplate === undefined &&
    policies.hostUrlTemplates.size === 0
  ) {
    warnings.push({
      path: version === 'swagger-2.0' ? jsonPath('host') : jsonPath('servers'),
      message: 'names no usable host; calls need a base URL from the caller',
      feature: 'host',
    });
  }
  return {
    id: options.id ?? idOf(title),
    title,
    ...(typeof info['description'] === 'string' ? { description: info['description'] } : {}),
    version:
      typeof info['version'] === 'string'
        ? info['version']
        : typeof info['version'] === 'number'
          ? String(info['version'])
          : '1.0',
    specVersion: version,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(policies.hostUrlTemplate !== undefined ? { hostUrlTemplate: policies.hostUrlTemplate } : {}),
    connectionParameters: connection.parameters,
    authSchemes: connection.authSchemes,
    operations,
    warnings,
    extensions: extensions.sort((a, b) => a.name.localeCompare(b.name)),
    ...(typeof testConnection === 'string' && operations.some((o) => o.operationId === testConnection)
      ? { testConnectionOperationId: testConnection }
      : {}),
    ...(typeof properties['iconBrandColor'] === 'string' ? { brandColor: properties['iconBrandColor'] } : {}),
  };
}

function dedupeOperationIds(operations: ImportedConnector['operations'], warnings: ImportWarning[]): void {
  const seen = new Set<string>();
  for (const operation of operations) {
    if (!seen.has(operation.operationId)) {
      seen.add(operation.operationId);
      continue;
    }
    let n = 2;
    while (seen.has(`${operation.operationId}_${n}`)) n += 1;
    const renamed = `${operation.operationId}_${n}`;
    warnings.push({
      path: `${operation.source}.operationId`,
      message: `duplicates another operation's id; renamed ${renamed}`,
      feature: 'operationId',
    });
    operation.operationId = renamed;
    seen.add(renamed);
  }
}
