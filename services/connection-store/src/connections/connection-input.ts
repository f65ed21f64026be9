import { z } from 'zod';
import { ValidationFailedError } from '@patchbay/platform';
import {
  DEFAULT_EXECUTION_ENVIRONMENT,
  EXECUTION_ENVIRONMENT_EXPECTED,
  EXECUTION_ENVIRONMENT_PATTERN,
} from '@patchbay/contracts';
import { parameterProblems, secretProblems } from './auth-rules.js';
import { AUTH_TYPES, type AuthType } from './connection.types.js';
import { parseOrThrow } from '../validation/field-problems.js';

export const CONNECTION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
export const NAMESPACE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const CONNECTOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export const DEFAULT_NAMESPACE = 'default';

const TAG_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,62}$/;
export const MAX_TAGS = 20;

export const EXPECTED = {
  name: '1-80 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit',
  connectorId: "1-100 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit (e.g. 'http')",
  displayName: 'a string of 1-200 characters',
  authType: AUTH_TYPES.map((t) => `'${t}'`).join(' | '),
  parameters: 'an object of non-secret settings',
  secrets: 'an object of secret strings',
  tags: `an object of up to ${MAX_TAGS} tags: keys of 1-63 characters from A-Z a-z 0-9 _ . : / -, string values up to 256 characters`,
  executionEnvironment: `${EXECUTION_ENVIRONMENT_EXPECTED}, or null for the default environment`,
};

/** Fields a create and an update share. */
export const connectionFields = {
  displayName: z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'is longer than 200 characters' }),
  tags: z
    .record(
      z.string().regex(TAG_KEY_PATTERN, { error: 'is not a valid tag key' }),
      z.string().max(256, { error: 'is longer than 256 characters' }),
    )
    .refine((tags) => Object.keys(tags).length <= MAX_TAGS, { error: `has more than ${MAX_TAGS} tags` }),
  parameters: z.record(z.string(), z.json()),
  secrets: z.record(z.string(), z.string().min(1, { error: 'must not be empty' })),
  /** null or `default`: the default environment (stored as null). */
  executionEnvironment: z
    .string({ error: 'is not a string' })
    .regex(EXECUTION_ENVIRONMENT_PATTERN, { error: 'is not a valid execution environment name' })
    .nullable()
    .transform((value) => (value === DEFAULT_EXECUTION_ENVIRONMENT ? null : value)),
};

/** The body of `POST /api/connections` (also what the OpenAPI document shows). */
export const createConnectionBody = z.strictObject({
  name: z.string().regex(CONNECTION_NAME_PATTERN, { error: 'is not a valid connection name' }),
  connectorId: z.string().regex(CONNECTOR_ID_PATTERN, { error: 'is not a valid connector id' }),
  displayName: connectionFields.displayName.optional(),
  authType: z.enum(AUTH_TYPES, { error: 'is not a supported authentication type' }),
  tags: connectionFields.tags.optional(),
  parameters: connectionFields.parameters.optional(),
  secrets: connectionFields.secrets.optional(),
  executionEnvironment: connectionFields.executionEnvironment.optional(),
});

/** A validated create request. `secrets` is what goes to Vault; everything else goes to Postgres. */
export interface CreateConnectionInput {
  name: string;
  connectorId: string;
  displayName: string;
  authType: AuthType;
  tags: Record<string, string>;
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
  /** Execution environment to pin the connection to; null: the default environment. */
  executionEnvironment: string | null;
}

/** Validates a create request body; throws ValidationFailedError with one problem per field. */
/** `root`: `body` for REST, `request` for gRPC; it prefixes every problem path. */
export function parseCreateConnection(body: unknown, root = 'body'): CreateConnectionInput {
  const parsed = parseOrThrow(createConnectionBody, body, 'connection', {
    root,
    expected: EXPECTED,
    secretFields: ['secrets'],
  });
  const problems = [
    ...parameterProblems(parsed.authType, parsed.parameters ?? {}, `${root}.parameters`),
    ...secretProblems(parsed.authType, parsed.secrets ?? {}, `${root}.secrets`),
  ];
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
    tags: parsed.tags ?? {},
    parameters: parsed.parameters ?? {},
    secrets: parsed.secrets ?? {},
    executionEnvironment: parsed.executionEnvironment ?? null,
  };
}

/** The `?namespace=` query every connection route takes. */
export const namespaceQuery = z.object({
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
  return parseOrThrow(connectionNameSchema, name, 'connection name', {
    root: 'params.name',
    expected: { '': EXPECTED.name },
  });
}

const workflowId = z.uuid({ error: 'is not a UUID' });

/** A connection name in a URL path. */
export const connectionNameSchema = z
  .string()
  .regex(CONNECTION_NAME_PATTERN, { error: 'is not a valid connection name' });

/** A workflow id in a URL path. */
export const workflowIdSchema = workflowId;

/** The body of `POST /api/connections/:name/links`. */
export const linkBody = z.strictObject({ workflowId });

/** A workflow id taken from the URL. */
export function parseWorkflowId(value: unknown): string {
  return parseOrThrow(workflowId, value, 'workflow id', { root: 'params.workflowId' });
}

/** The body of `POST /api/connections/:name/links`. */
export function parseLinkBody(body: unknown): { workflowId: string } {
  return parseOrThrow(linkBody, body, 'link', {
    root: 'body',
    expected: { workflowId: 'a workflow id (UUID)' },
  });
}
