import { z } from 'zod';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';
import { AUTH_TYPES, REQUIRED_SECRET_KEY, type AuthType } from './connection.types.js';
import { describeFound, parseOrThrow } from '../validation/field-problems.js';

export const CONNECTION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
export const NAMESPACE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const CONNECTOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** RFC 9110 token: what an HTTP header name may be made of. */
const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Parameter names that look like secret values: those belong in `secrets`, never in Postgres. */
const SECRET_LOOKING_PARAMETER =
  /^(password|passwd|secret|clientsecret|token|accesstoken|refreshtoken|apikey|privatekey)$/i;

export const DEFAULT_NAMESPACE = 'default';

const EXPECTED = {
  name: '1-80 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit',
  connectorId: "1-100 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit (e.g. 'http')",
  displayName: 'a string of 1-200 characters',
  authType: AUTH_TYPES.map((t) => `'${t}'`).join(' | '),
  parameters: 'an object of non-secret settings',
  secrets: 'an object of secret strings',
};

const createConnectionBody = z.strictObject({
  name: z.string().regex(CONNECTION_NAME_PATTERN, { error: 'is not a valid connection name' }),
  connectorId: z.string().regex(CONNECTOR_ID_PATTERN, { error: 'is not a valid connector id' }),
  displayName: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'is longer than 200 characters' })
    .optional(),
  authType: z.enum(AUTH_TYPES, { error: 'is not a supported authentication type' }),
  parameters: z.record(z.string(), z.json()).optional(),
  secrets: z.record(z.string(), z.string().min(1, { error: 'must not be empty' })).optional(),
});

/** A validated create request. `secrets` is what goes to Vault; everything else goes to Postgres. */
export interface CreateConnectionInput {
  name: string;
  connectorId: string;
  displayName: string;
  authType: AuthType;
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** Rules across fields, checked once each field has the right shape. */
function authProblems(input: z.infer<typeof createConnectionBody>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const parameters = input.parameters ?? {};
  const secrets = input.secrets ?? {};
  for (const [key, value] of Object.entries(parameters)) {
    if (SECRET_LOOKING_PARAMETER.test(key)) {
      problems.push({
        path: `body.parameters.${key}`,
        message: 'looks like a secret; secret values go in `secrets` (stored in Vault), not in `parameters`',
        expected: 'a non-secret setting',
        found: describeFound(value, true),
      });
    }
  }
  const required = REQUIRED_SECRET_KEY[input.authType];
  if (required !== undefined && secrets[required] === undefined) {
    problems.push({
      path: `body.secrets.${required}`,
      message: `is required for authType '${input.authType}'`,
      expected: 'a non-empty string',
      found: 'nothing',
    });
  }
  for (const [key, value] of Object.entries(secrets)) {
    if (key !== required) {
      problems.push({
        path: `body.secrets.${key}`,
        message:
          required === undefined
            ? `authType '${input.authType}' takes no secrets`
            : `is not a secret of authType '${input.authType}'`,
        expected: required === undefined ? 'no secrets' : `only '${required}'`,
        found: describeFound(value, true),
      });
    }
  }
  if (input.authType === 'basic') {
    const username = parameters.username;
    if (typeof username !== 'string' || username === '') {
      problems.push({
        path: 'body.parameters.username',
        message: "is required for authType 'basic'",
        expected: 'a non-empty string',
        found: describeFound(username, false),
      });
    }
  }
  if (input.authType === 'apiKey') {
    for (const key of ['headerName', 'queryName'] as const) {
      const value = parameters[key];
      if (value !== undefined && (typeof value !== 'string' || !HEADER_NAME_PATTERN.test(value))) {
        problems.push({
          path: `body.parameters.${key}`,
          message: 'is not a valid name',
          expected: 'an HTTP token such as X-Api-Key',
          found: describeFound(value, false),
        });
      }
    }
    if (parameters.headerName !== undefined && parameters.queryName !== undefined) {
      problems.push({
        path: 'body.parameters.queryName',
        message: 'cannot be used together with headerName',
        expected: 'either headerName or queryName',
        found: describeFound(parameters.queryName, false),
      });
    }
  }
  return problems;
}

/** Validates a create request body; throws ValidationFailedError with one problem per field. */
export function parseCreateConnection(body: unknown): CreateConnectionInput {
  const parsed = parseOrThrow(createConnectionBody, body, 'connection', {
    root: 'body',
    expected: EXPECTED,
    secretFields: ['secrets'],
  });
  const problems = authProblems(parsed);
  if (problems.length > 0) {
    throw new ValidationFailedError(
      `connection is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return {
    name: parsed.name,
    connectorId: parsed.connectorId,
    displayName: parsed.displayName ?? parsed.name,
    authType: parsed.authType,
    parameters: parsed.parameters ?? {},
    secrets: parsed.secrets ?? {},
  };
}

const namespaceQuery = z.object({
  namespace: z.string().regex(NAMESPACE_PATTERN, { error: 'is not a valid namespace' }).optional(),
});

/** The `?namespace=` query parameter, `default` when absent. */
export function parseNamespace(query: unknown): string {
  const parsed = parseOrThrow(namespaceQuery, query ?? {}, 'query', {
    root: 'query',
    expected: { namespace: '1-63 characters from a-z 0-9 -, starting and ending with a letter or digit' },
  });
  return parsed.namespace ?? DEFAULT_NAMESPACE;
}

/** A connection name taken from the URL. */
export function parseConnectionName(name: unknown): string {
  return parseOrThrow(
    z.string().regex(CONNECTION_NAME_PATTERN, { error: 'is not a valid connection name' }),
    name,
    'connection name',
    {
      root: 'params.name',
      expected: { '': EXPECTED.name },
    },
  );
}

const workflowId = z.uuid({ error: 'is not a UUID' });

/** A workflow id taken from the URL. */
export function parseWorkflowId(value: unknown): string {
  return parseOrThrow(workflowId, value, 'workflow id', { root: 'params.workflowId' });
}

/** The body of `POST /api/connections/:name/links`. */
export function parseLinkBody(body: unknown): { workflowId: string } {
  return parseOrThrow(z.strictObject({ workflowId }), body, 'link', {
    root: 'body',
    expected: { workflowId: 'a workflow id (UUID)' },
  });
}
