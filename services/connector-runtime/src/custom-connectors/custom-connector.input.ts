import semver from 'semver';
import { z } from 'zod';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';

/** Custom connector ids: lower case, as connections name them in `connectorId`. */
export const CUSTOM_CONNECTOR_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const ID_EXPECTED = "1-100 characters from a-z 0-9 . _ -, starting with a letter or digit (e.g. 'crm')";

/** The body of `POST /api/connectors`. */
export interface CreateConnectorInput {
  definition?: Record<string, unknown>;
  definitionUrl?: string;
  apiProperties?: Record<string, unknown>;
  apiPropertiesUrl?: string;
  id?: string;
  version?: string;
}

/**
 * The shape of the upload body as the OpenAPI document shows it. `parseCreateConnectorInput` checks the same
 * fields by hand (it also enforces "exactly one of definition and definitionUrl" and semver), and takes its list
 * of known fields from here.
 */
export const createConnectorBody = z
  .strictObject({
    definition: z.record(z.string(), z.unknown()).optional().meta({
      description: 'The parsed Swagger 2.0 / OpenAPI 3.x document (or give definitionUrl).',
    }),
    definitionUrl: z.url({ protocol: /^https?$/ }).optional(),
    apiProperties: z.record(z.string(), z.unknown()).optional().meta({
      description: "The connector's apiProperties.json (or give apiPropertiesUrl).",
    }),
    apiPropertiesUrl: z.url({ protocol: /^https?$/ }).optional(),
    id: z.string().regex(CUSTOM_CONNECTOR_ID).optional(),
    version: z.string().optional().meta({ description: "A semantic version, e.g. '1.2.0'." }),
  })
  .meta({
    description:
      'Exactly one of definition and definitionUrl; at most one of apiProperties and apiPropertiesUrl.',
  });

const FIELDS = Object.keys(createConnectorBody.shape);

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks the upload body: exactly one of `definition` (the parsed Swagger/OpenAPI object) and `definitionUrl`;
 * at most one of `apiProperties` and `apiPropertiesUrl`; optional `id` and `version` (semver). Throws
 * `ValidationFailedError` with one problem per field.
 */
export function parseCreateConnectorInput(body: unknown): CreateConnectorInput {
  if (!isObject(body))
    throw new ValidationFailedError('the body must be a JSON object', [
      { path: 'body', message: 'must be a JSON object', expected: 'an object', found: describe(body) },
    ]);
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string, expected: string): void => {
    problems.push({ path: `body.${field}`, message, expected, found: describe(body[field]) });
  };
  for (const key of Object.keys(body))
    if (!FIELDS.includes(key)) problem(key, 'is not a known field', FIELDS.join(', '));
  const input: CreateConnectorInput = {};
  const pair = (
    objectField: 'definition' | 'apiProperties',
    urlField: 'definitionUrl' | 'apiPropertiesUrl',
  ) => {
    const object = body[objectField];
    const url = body[urlField];
    if (object !== undefined && url !== undefined) {
      problem(
        urlField,
        `cannot be given together with ${objectField}`,
        `either ${objectField} or ${urlField}`,
      );
      return;
    }
    if (object !== undefined) {
      if (isObject(object)) input[objectField] = object;
      else problem(objectField, 'must be a JSON object', 'the parsed Swagger 2.0 / OpenAPI 3.x document');
    }
    if (url !== undefined) {
      if (typeof url === 'string' && isHttpUrl(url)) input[urlField] = url;
      else problem(urlField, 'must be an http(s) URL', 'an absolute http:// or https:// URL');
    }
  };
  pair('definition', 'definitionUrl');
  pair('apiProperties', 'apiPropertiesUrl');
  if (body['definition'] === undefined && body['definitionUrl'] === undefined)
    problem(
      'definition',
      'is required (or definitionUrl)',
      'the Swagger 2.0 / OpenAPI 3.x document, or definitionUrl',
    );
  const id = body['id'];
  if (id !== undefined) {
    if (typeof id === 'string' && CUSTOM_CONNECTOR_ID.test(id)) input.id = id;
    else problem('id', 'is not a valid connector id', ID_EXPECTED);
  }
  const version = body['version'];
  if (version !== undefined) {
    if (typeof version === 'string' && semver.valid(version) === version) input.version = version;
    else problem('version', 'is not a semantic version', "MAJOR.MINOR.PATCH, e.g. '1.2.0'");
  }
  if (problems.length > 0)
    throw new ValidationFailedError(
      `the connector upload is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  return input;
}

/** `:id` and `:version` path parameters. */
export function parseVersionKey(id: unknown, version?: unknown): { connectorId: string; version: string } {
  const problems: FieldProblem[] = [];
  if (typeof id !== 'string' || !CUSTOM_CONNECTOR_ID.test(id))
    problems.push({
      path: 'params.id',
      message: 'is not a valid connector id',
      expected: ID_EXPECTED,
      found: describe(id),
    });
  if (version !== undefined && (typeof version !== 'string' || semver.valid(version) !== version))
    problems.push({
      path: 'params.version',
      message: 'is not a semantic version',
      expected: "MAJOR.MINOR.PATCH, e.g. '1.2.0'",
      found: describe(version),
    });
  if (problems.length > 0)
    throw new ValidationFailedError(problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
  return { connectorId: id as string, version: (version as string | undefined) ?? '' };
}
