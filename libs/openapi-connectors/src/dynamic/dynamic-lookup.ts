/**
 * Design-time lookups: `x-ms-dynamic-values` / `x-ms-dynamic-list` (the allowed values of a parameter) and
 * `x-ms-dynamic-schema` / `x-ms-dynamic-properties` (the schema of a body or response), resolved by calling
 * the connector's own lookup operation with the values the user has entered so far.
 */
import { DynamicLookupError } from '../errors.js';
import type {
  DynamicParameterSource,
  DynamicSchemaLookup,
  DynamicValuesLookup,
  ImportedConnector,
  JsonSchema,
} from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import { operationById } from '../execute/operation-matcher.js';
import type { OperationInputs } from '../execute/operation-inputs.js';
import type { OperationResult } from '../execute/operation-executor.js';
import { valueAt } from './value-path.js';

/** Calls one operation of the connector (connector-runtime passes one bound to the connection and context). */
export type OperationCaller = (operationId: string, inputs: OperationInputs) => Promise<OperationResult>;

export interface DynamicValue {
  value: unknown;
  title: string;
}

/** The lookup operation's inputs, each named parameter placed where that operation expects it. */
function lookupInputs(
  connector: ImportedConnector,
  operationId: string,
  sources: Readonly<Record<string, DynamicParameterSource>>,
  entered: Readonly<Record<string, unknown>>,
): OperationInputs {
  const operation = operationById(connector, operationId);
  const inputs: OperationInputs = {};
  for (const [name, source] of Object.entries(sources)) {
    const value = 'parameter' in source ? entered[source.parameter] : source.value;
    if (value === undefined) continue;
    const parameter = operation.parameters.find((p) => p.name === name);
    const location = parameter?.in ?? 'query';
    if (location === 'body') inputs.body = value;
    else if (location === 'formData')
      inputs.body = { ...(isObject(inputs.body) ? inputs.body : {}), [name]: value };
    else {
      const key = location === 'path' ? 'pathParameters' : location === 'query' ? 'queries' : 'headers';
      inputs[key] = { ...(inputs[key] ?? {}), [name]: value };
    }
  }
  return inputs;
}

async function callLookup(
  connector: ImportedConnector,
  operationId: string,
  sources: Readonly<Record<string, DynamicParameterSource>>,
  entered: Readonly<Record<string, unknown>>,
  call: OperationCaller,
): Promise<unknown> {
  const result = await call(operationId, lookupInputs(connector, operationId, sources, entered));
  if (result.statusCode < 200 || result.statusCode >= 300) {
    throw new DynamicLookupError(
      `lookup operation ${operationId} answered ${result.statusCode}`,
      result.statusCode >= 500 || result.statusCode === 429,
    );
  }
  return result.body;
}

/** The allowed values of a parameter with `x-ms-dynamic-values` (or `x-ms-dynamic-list`). */
export async function resolveDynamicValues(
  connector: ImportedConnector,
  lookup: DynamicValuesLookup,
  entered: Readonly<Record<string, unknown>>,
  call: OperationCaller,
): Promise<DynamicValue[]> {
  const body = await callLookup(connector, lookup.operationId, lookup.parameters, entered, call);
  const collection = valueAt(body, lookup.collectionPath);
  if (!Array.isArray(collection)) {
    throw new DynamicLookupError(
      `lookup operation ${lookup.operationId} gave no list at ${lookup.collectionPath || 'the body'}`,
      false,
    );
  }
  return collection.map((item) => {
    const value = valueAt(item, lookup.valuePath);
    const title = lookup.titlePath !== undefined ? valueAt(item, lookup.titlePath) : undefined;
    return { value, title: typeof title === 'string' ? title : JSON.stringify(title ?? value) };
  });
}

/** The schema a parameter or response with `x-ms-dynamic-schema` (or `x-ms-dynamic-properties`) has now. */
export async function resolveDynamicSchema(
  connector: ImportedConnector,
  lookup: DynamicSchemaLookup,
  entered: Readonly<Record<string, unknown>>,
  call: OperationCaller,
): Promise<JsonSchema> {
  const body = await callLookup(connector, lookup.operationId, lookup.parameters, entered, call);
  const schema = valueAt(body, lookup.valuePath);
  if (!isObject(schema) && typeof schema !== 'boolean') {
    throw new DynamicLookupError(
      `lookup operation ${lookup.operationId} gave no schema at ${lookup.valuePath || 'the body'}`,
      false,
    );
  }
  return schema;
}

export { valueAt };
