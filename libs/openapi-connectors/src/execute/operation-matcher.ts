/**
 * WDL `ApiConnection` inputs name an operation by method and path (`/items/@{encodeURIComponent(x)}`, already
 * evaluated): this finds the operation and splits the path back into its parameters.
 */
import { OperationNotFoundError } from '../errors.js';
import type { GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';

export interface OperationMatch {
  operation: GeneratedOperation;
  /** Path parameter values as they appear in the path (still URL-encoded). */
  pathValues: Record<string, string>;
  /** Query parameters written into the path after `?`. */
  pathQueries: Record<string, string>;
}

function templateRegex(template: string): { regex: RegExp; names: string[]; literalLength: number } {
  const names: string[] = [];
  let literalLength = 0;
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const placeholder = /^\{([^}]+)\}$/.exec(part);
      if (placeholder !== null) {
        names.push(placeholder[1] as string);
        return '([^/]+)';
      }
      literalLength += part.length;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { regex: new RegExp(`^${source.replace(/\/$/, '')}/?$`), names, literalLength };
}

/** The operation with this method whose path template matches; the most literal template wins. */
export function matchOperation(
  connector: ImportedConnector,
  method: string,
  rawPath: string,
): OperationMatch {
  const [path = '', query = ''] = rawPath.split('?', 2);
  const normalized = path.startsWith('/') ? path : `/${path}`;
  let best: (OperationMatch & { literalLength: number }) | undefined;
  for (const operation of connector.operations) {
    if (operation.method !== method.toUpperCase()) continue;
    const { regex, names, literalLength } = templateRegex(operation.path);
    const match = regex.exec(normalized);
    if (match === null || (best !== undefined && best.literalLength >= literalLength)) continue;
    const pathValues: Record<string, string> = {};
    names.forEach((name, i) => (pathValues[name] = match[i + 1] as string));
    best = { operation, pathValues, pathQueries: {}, literalLength };
  }
  if (best === undefined) {
    throw new OperationNotFoundError(
      `connector ${connector.id} has no operation ${method.toUpperCase()} ${path}`,
    );
  }
  const pathQueries = Object.fromEntries(new URLSearchParams(query));
  return { operation: best.operation, pathValues: best.pathValues, pathQueries };
}

/** The operation with this id. */
export function operationById(connector: ImportedConnector, operationId: string): GeneratedOperation {
  const operation = connector.operations.find((o) => o.operationId === operationId);
  if (operation === undefined) {
    throw new OperationNotFoundError(`connector ${connector.id} has no operation ${operationId}`);
  }
  return operation;
}
