/** What both spec versions share when they finish an operation: ids, display data, content type. */
import type {
  GeneratedOperation,
  OperationParameter,
  OperationResponse,
  PageableInfo,
  TriggerInfo,
} from '../model/imported-connector.js';
import { childPath, isObject } from './json-path.js';
import type { BuildContext } from './parameter-builder.js';
import { visibilityOf } from './operation-extensions.js';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/** `{id}` placeholders of a path template, in order. */
export function pathPlaceholders(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** Follows a local `$ref` (`#/parameters/X`, `#/components/responses/Y`) once; other values pass through. */
export function resolveLocalRef(document: Record<string, unknown>, value: unknown, depth = 0): unknown {
  if (!isObject(value) || typeof value['$ref'] !== 'string') return value;
  const ref = value['$ref'];
  if (!ref.startsWith('#/') || depth > 8) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[segment] : undefined;
  }
  return resolveLocalRef(document, node, depth + 1);
}

/** Content types the executor can encode, best first, for bodies and for form parameters. */
const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

function chooseContentType(consumes: string[], parameters: OperationParameter[]): string | undefined {
  const body = parameters.find((p) => p.in === 'body');
  const forms = parameters.filter((p) => p.in === 'formData');
  if (forms.length > 0) {
    if (forms.some((p) => p.file)) return 'multipart/form-data';
    return (
      FORM_TYPES.find((t) => consumes.some((c) => c.toLowerCase().startsWith(t))) ??
      'application/x-www-form-urlencoded'
    );
  }
  if (body === undefined) return undefined;
  if (body.file) {
    return consumes.find((c) => !/json|form/i.test(c)) ?? 'application/octet-stream';
  }
  return (
    consumes.find((c) => /json/i.test(c)) ??
    consumes.find((c) => !FORM_TYPES.some((t) => c.toLowerCase().startsWith(t))) ??
    'application/json'
  );
}

export interface OperationParts {
  path: string;
  method: string;
  node: Record<string, unknown>;
  where: string;
  parameters: OperationParameter[];
  consumes: string[];
  responses: OperationResponse[];
  trigger: TriggerInfo | undefined;
}

export function finishOperation(context: BuildContext, parts: OperationParts): GeneratedOperation {
  const { node, where } = parts;
  let operationId = node['operationId'];
  if (typeof operationId !== 'string' || operationId.trim() === '') {
    operationId = `${parts.method}${parts.path.replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_+$/, '');
    context.warnings.push({
      path: childPath(where, 'operationId'),
      message: `is missing; named ${String(operationId)}`,
      feature: 'operationId',
    });
  }
  const summary = typeof node['summary'] === 'string' ? node['summary'] : String(operationId);
  const contentType = chooseContentType(parts.consumes, parts.parameters);
  return {
    operationId: String(operationId),
    method: parts.method.toUpperCase(),
    path: parts.path,
    summary,
    ...(typeof node['description'] === 'string' ? { description: node['description'] } : {}),
    visibility: visibilityOf(node, where, context.warnings),
    deprecated: node['deprecated'] === true,
    parameters: parts.parameters,
    ...(contentType !== undefined ? { requestContentType: contentType } : {}),
    responses: parts.responses,
    ...(parts.trigger !== undefined ? { trigger: parts.trigger } : {}),
    wire: { method: parts.method.toUpperCase(), path: parts.path },
    policyHeaders: {},
    policyQueries: {},
    valueLookups: [],
    bodyTransforms: [],
    ...pageableOf(node, where, context),
    source: where,
  };
}

/**
 * `x-ms-pageable: { nextLinkName, itemName? }`; `nextLinkName: null` declares an operation that does not page.
 */
function pageableOf(
  node: Record<string, unknown>,
  where: string,
  context: BuildContext,
): { pageable?: PageableInfo } {
  const pageable = node['x-ms-pageable'];
  if (pageable === undefined) return {};
  if (isObject(pageable) && pageable['nextLinkName'] === null) return {};
  const nextLinkName = isObject(pageable) ? pageable['nextLinkName'] : undefined;
  const itemName = isObject(pageable) ? (pageable['itemName'] ?? 'value') : undefined;
  if (typeof nextLinkName !== 'string' || nextLinkName === '' || typeof itemName !== 'string') {
    context.warnings.push({
      path: childPath(where, 'x-ms-pageable'),
      message:
        'needs nextLinkName (a string, or null) and an optional itemName string; the operation does not page',
      feature: 'x-ms-pageable',
    });
    return {};
  }
  return { pageable: { nextLinkName, itemName } };
}
