/**
 * Operation inputs in two shapes: WDL `ApiConnection` inputs (`method`, `path` with encoded values, `queries`,
 * `headers`, `body`) and the structured form an operation's input schema describes (`pathParameters` with
 * plain values, `queries`, `headers`, `body`). `x-ms-url-encoding: double` path values are encoded twice in
 * the ApiConnection path, as the Logic Apps designer writes them.
 */
import type { GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';
import { coerceScalars } from './input-schema.js';
import { matchOperation, operationById } from './operation-matcher.js';
import { textValue } from './text-value.js';

/** The inputs of a WDL `ApiConnection` action or trigger (after expression evaluation). */
export interface ApiConnectionInputs {
  host?: unknown;
  method?: string;
  path: string;
  queries?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

/** Inputs of one operation, as its input schema describes them. */
export interface OperationInputs {
  pathParameters?: Record<string, unknown>;
  queries?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

function decodeSegment(value: string, times: number): string {
  let decoded = value;
  for (let i = 0; i < times; i += 1) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return decoded; // a stray % is kept as written
    }
  }
  return decoded;
}

/**
 * ApiConnection inputs -> the operation they call and its structured inputs (path, query and header texts that
 * read as the declared number or boolean become one).
 */
export function fromApiConnectionInputs(
  connector: ImportedConnector,
  inputs: ApiConnectionInputs,
): { operation: GeneratedOperation; inputs: OperationInputs } {
  const method = inputs.method ?? 'GET';
  const match = matchOperation(connector, method, inputs.path);
  const pathParameters: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(match.pathValues)) {
    const parameter = match.operation.parameters.find((p) => p.in === 'path' && p.name === name);
    pathParameters[name] = decodeSegment(raw, parameter?.urlEncoding === 'double' ? 2 : 1);
  }
  const queries = { ...match.pathQueries, ...(inputs.queries ?? {}) };
  const structured: OperationInputs = {
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    ...(Object.keys(queries).length > 0 ? { queries } : {}),
    ...(inputs.headers !== undefined ? { headers: { ...inputs.headers } } : {}),
    ...(inputs.body !== undefined ? { body: inputs.body } : {}),
  };
  return { operation: match.operation, inputs: coerceScalars(match.operation, structured) };
}

/** Structured inputs -> ApiConnection inputs, as the designer would write them for this operation. */
export function toApiConnectionInputs(
  connector: ImportedConnector,
  operationId: string,
  inputs: OperationInputs,
  connectionName = 'connection',
): ApiConnectionInputs & { host: { connection: { name: string } }; method: string } {
  const operation = operationById(connector, operationId);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    const value = textValue(inputs.pathParameters?.[name]);
    const once = encodeURIComponent(value);
    return parameter?.urlEncoding === 'double' ? encodeURIComponent(once) : once;
  });
  return {
    host: { connection: { name: `@parameters('$connections')['${connectionName}']['connectionId']` } },
    method: operation.method.toLowerCase(),
    path,
    ...(inputs.queries !== undefined ? { queries: inputs.queries } : {}),
    ...(inputs.headers !== undefined ? { headers: inputs.headers } : {}),
    ...(inputs.body !== undefined ? { body: inputs.body } : {}),
  };
}

export { textValue };
