/**
 * The JSON Schema of an operation's structured inputs (`pathParameters`, `queries`, `headers`, `body`), built
 * from its parameters: one self-contained schema with the named schemas hoisted to its root `definitions`.
 * Also the validator that checks inputs against it before anything is sent, naming each wrong field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { GeneratedOperation, JsonSchema, OperationParameter } from '../model/imported-connector.js';
import type { OperationInputProblem } from '../errors.js';
import { isObject } from '../import/json-path.js';
import type { OperationInputs } from './operation-inputs.js';

const GROUPS: Record<Exclude<OperationParameter['in'], 'body'>, keyof OperationInputs> = {
  path: 'pathParameters',
  query: 'queries',
  header: 'headers',
  formData: 'body',
};

function hoist(schema: JsonSchema, definitions: Record<string, unknown>): JsonSchema {
  if (!isObject(schema) || !isObject(schema['definitions'])) return schema;
  const { definitions: own, ...rest } = schema;
  Object.assign(definitions, own);
  return rest;
}

export function operationInputSchema(operation: GeneratedOperation): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  const groups = new Map<
    keyof OperationInputs,
    { properties: Record<string, unknown>; required: string[] }
  >();
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const parameter of operation.parameters) {
    const schema = hoist(parameter.schema, definitions);
    const described = isObject(schema)
      ? {
          ...schema,
          ...(parameter.summary !== undefined ? { title: parameter.summary } : {}),
          ...(parameter.visibility !== 'default' ? { 'x-ms-visibility': parameter.visibility } : {}),
        }
      : schema;
    if (parameter.in === 'body') {
      properties['body'] = parameter.file
        ? { description: 'file content: { $content-type, $content } or text' }
        : described;
      if (parameter.required) required.push('body');
      continue;
    }
    const key = GROUPS[parameter.in];
    const group = groups.get(key) ?? { properties: {}, required: [] };
    group.properties[parameter.name] = parameter.file ? { description: 'file content' } : described;
    if (parameter.required && parameter.default === undefined) group.required.push(parameter.name);
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    properties[key] = {
      type: 'object',
      properties: group.properties,
      ...(group.required.length > 0 ? { required: group.required } : {}),
    };
    if (group.required.length > 0) required.push(key);
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  };
}

/** ajv for imported schemas: not strict (x-ms-* keywords), formats are OpenAPI storage hints, not checked. */
export function createSchemaAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false, validateFormats: false, useDefaults: false });
}

const ajv = createSchemaAjv();
const compiled = new WeakMap<GeneratedOperation, ValidateFunction>();

function problemOf(error: ErrorObject): OperationInputProblem {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return { path: `${error.instancePath}/${String(params['missingProperty'])}`, message: 'is required' };
  }
  return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
}

/** Problems of structured inputs against the operation's input schema; empty when they are valid. */
export function checkOperationInputs(
  operation: GeneratedOperation,
  inputs: OperationInputs,
): OperationInputProblem[] {
  let validate = compiled.get(operation);
  if (validate === undefined) {
    validate = ajv.compile(operationInputSchema(operation));
    compiled.set(operation, validate);
  }
  if (validate(inputs)) return [];
  return (validate.errors ?? []).map(problemOf);
}

/**
 * Path, query and header values arrive as text from WDL; a text that reads as the declared number or boolean
 * becomes one, so the schema check sees the value the author meant. Anything else stays as written.
 */
export function coerceScalars(operation: GeneratedOperation, inputs: OperationInputs): OperationInputs {
  const out: OperationInputs = { ...inputs };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'body' || parameter.in === 'formData') continue;
    const key = GROUPS[parameter.in] as 'pathParameters' | 'queries' | 'headers';
    const group = out[key];
    const value = group?.[parameter.name];
    if (group === undefined || typeof value !== 'string') continue;
    const type = isObject(parameter.schema) ? parameter.schema['type'] : undefined;
    const types = Array.isArray(type) ? type : [type];
    let coerced: unknown = value;
    if (
      (types.includes('integer') || types.includes('number')) &&
      /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)
    ) {
      coerced = Number(value);
    } else if (types.includes('boolean') && (value === 'true' || value === 'false')) {
      coerced = value === 'true';
    } else if (types.includes('array') && !types.includes('string')) {
      coerced = value === '' ? [] : value.split(',');
    }
    out[key] = { ...group, [parameter.name]: coerced };
  }
  return out;
}
