/**
 * Valid values derived from a definition's own schemas (openapi-sampler): operation inputs a designer could
 * have written, connection values, and response bodies for the mock server.
 */
import { sample } from 'openapi-sampler';
import type {
  GeneratedOperation,
  ImportedConnector,
  JsonSchema,
  OperationParameter,
} from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import type { ConnectionValues } from '../execute/connection-template.js';
import type { OperationInputs } from '../execute/operation-inputs.js';
import { schemaProblems } from './request-checker.js';

export const SAMPLE_FILE = {
  '$content-type': 'application/octet-stream',
  $content: Buffer.from('patchbay sample file').toString('base64'),
};

/**
 * A value valid for `schema`: the sampler's full example, else (deep or recursive schemas, where the sampler
 * stops at its depth limit) one with only the required properties. Returns the last attempt when none
 * validates; callers check the value again.
 */
export function sampleOf(schema: JsonSchema): unknown {
  let candidate: unknown;
  for (const options of [{}, { requiredOnly: true }, { requiredOnly: true, depth: 12 }]) {
    candidate = sampleWith(schema, options);
    if (schemaProblems(schema, candidate, '').length === 0) return candidate;
  }
  return candidate;
}

function sampleWith(schema: JsonSchema, options: { requiredOnly?: boolean; depth?: number }): unknown {
  if (typeof schema === 'boolean') return schema ? 'sample' : undefined;
  return sample(
    schema,
    {
      skipReadOnly: true,
      skipNonRequired: options.requiredOnly === true,
      enablePatterns: true,
      quiet: true,
      maxSampleDepth: options.depth ?? 8,
    },
    schema,
  );
}

function scalarSample(parameter: OperationParameter): unknown {
  const value = sampleOf(parameter.schema);
  if (value === undefined || value === null || value === '')
    return parameter.in === 'path' ? 'sample' : value;
  if (parameter.in === 'path' && typeof value === 'object') return 'sample';
  return value;
}

/** Inputs for every parameter of the operation (optional ones too, to exercise them). */
export function sampleInputs(operation: GeneratedOperation): OperationInputs {
  const inputs: OperationInputs = {};
  const group = (key: 'pathParameters' | 'queries' | 'headers'): Record<string, unknown> =>
    (inputs[key] ??= {});
  for (const parameter of operation.parameters) {
    if (parameter.in === 'body') {
      inputs.body = parameter.file ? SAMPLE_FILE : sampleOf(parameter.schema);
      continue;
    }
    if (parameter.in === 'formData') {
      const form = isObject(inputs.body) ? inputs.body : {};
      form[parameter.name] = parameter.file ? SAMPLE_FILE : scalarSample(parameter);
      inputs.body = form;
      continue;
    }
    const value = scalarSample(parameter);
    if (value === undefined || value === null) continue;
    const key = parameter.in === 'path' ? 'pathParameters' : parameter.in === 'query' ? 'queries' : 'headers';
    group(key)[parameter.name] = value;
  }
  return inputs;
}

/** `@connectionParameters('x')` names used by the connector's templates. */
function templateParameters(connector: ImportedConnector): string[] {
  const templates = [
    connector.hostUrlTemplate ?? '',
    ...connector.operations.flatMap((o) => [
      o.hostUrlTemplate ?? '',
      o.wire.path,
      ...Object.values(o.policyHeaders),
      ...Object.values(o.policyQueries),
    ]),
  ];
  return [...templates.join(' ').matchAll(/@connectionParameters\(\s*'([^']*)'/g)].map((m) => m[1] as string);
}

/** Connection values for every declared and template-referenced parameter; hosts get DNS-safe names. */
export function sampleConnection(connector: ImportedConnector, authScheme?: string): ConnectionValues {
  const parameters: Record<string, unknown> = {};
  const secrets: Record<string, string> = { accessToken: 'sample-access-token' };
  const valueFor = (name: string): string => `sample-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  for (const parameter of connector.connectionParameters) {
    const value = parameter.allowedValues?.[0] ?? valueFor(parameter.name);
    if (parameter.secret) secrets[parameter.name] = value;
    else parameters[parameter.name] = value;
  }
  for (const name of templateParameters(connector)) {
    if (parameters[name] === undefined && secrets[name] === undefined) parameters[name] = valueFor(name);
  }
  return { parameters, secrets, ...(authScheme !== undefined ? { authScheme } : {}) };
}
