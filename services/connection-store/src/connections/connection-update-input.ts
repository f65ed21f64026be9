import { z } from 'zod';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';
import { parameterProblems, secretProblems } from './auth-rules.js';
import { connectionFields, EXPECTED } from './connection-input.js';
import type { AuthType } from './connection.types.js';
import { describeFound, parseOrThrow } from '../validation/field-problems.js';

/** Fields a connection keeps for life: changing them means a new connection. */
const IMMUTABLE_FIELDS = ['name', 'connectorId', 'authType', 'id', 'namespace'] as const;

/** The body of `PATCH /api/connections/:name`. */
export const updateConnectionBody = z.strictObject({
  displayName: connectionFields.displayName.optional(),
  tags: connectionFields.tags.optional(),
  parameters: connectionFields.parameters.optional(),
  secrets: connectionFields.secrets.optional(),
  executionEnvironment: connectionFields.executionEnvironment.optional(),
});

/**
 * A validated update (`PATCH /api/connections/:name`). Each present field replaces the stored one whole:
 * `tags`, `parameters` and `secrets` are not merged. Only `secrets` touches Vault (a new KV version).
 */
export interface UpdateConnectionInput {
  displayName?: string;
  tags?: Record<string, string>;
  parameters?: Record<string, unknown>;
  secrets?: Record<string, string>;
  /** A new execution environment; null unpins the connection (the default environment). */
  executionEnvironment?: string | null;
}

function fail(problems: FieldProblem[]): never {
  throw new ValidationFailedError(
    `connection update is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    problems,
  );
}

/** Validates the shape of an update body; one problem per field. Rules that need the stored auth type come after. */
export function parseUpdateConnection(body: unknown, root = 'body'): UpdateConnectionInput {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const fixed = IMMUTABLE_FIELDS.filter((field) => field in body);
    if (fixed.length > 0) {
      fail(
        fixed.map((field) => ({
          path: `${root}.${field}`,
          message: 'cannot be changed; create a new connection instead',
          expected: 'one of displayName, tags, parameters, secrets, executionEnvironment',
          found: describeFound((body as Record<string, unknown>)[field], false),
        })),
      );
    }
  }
  const parsed = parseOrThrow(updateConnectionBody, body, 'connection update', {
    root,
    expected: EXPECTED,
    secretFields: ['secrets'],
  });
  const input: UpdateConnectionInput = {};
  if (parsed.displayName !== undefined) input.displayName = parsed.displayName;
  if (parsed.tags !== undefined) input.tags = parsed.tags;
  if (parsed.parameters !== undefined) input.parameters = parsed.parameters;
  if (parsed.secrets !== undefined) input.secrets = parsed.secrets;
  if (parsed.executionEnvironment !== undefined) input.executionEnvironment = parsed.executionEnvironment;
  if (Object.keys(input).length === 0) {
    fail([
      {
        path: root,
        message: 'changes nothing',
        expected: 'at least one of displayName, tags, parameters, secrets, executionEnvironment',
        found: 'an empty object',
      },
    ]);
  }
  return input;
}

/**
 * Checks an update against the connection's auth type: new parameters must still suit it, and new secrets
 * must be its complete set. Store-managed auth types (OAuth) take no secrets here.
 */
export function checkUpdateForAuthType(
  authType: AuthType,
  input: UpdateConnectionInput,
  storeManagedSecrets: boolean,
  root = 'body',
): void {
  const problems: FieldProblem[] = [];
  if (input.parameters !== undefined)
    problems.push(...parameterProblems(authType, input.parameters, `${root}.parameters`));
  if (input.secrets !== undefined) {
    if (storeManagedSecrets) {
      problems.push({
        path: `${root}.secrets`,
        message: `authType '${authType}' keeps tokens the store obtains itself; reconnect (consent) instead`,
        expected: 'no secrets',
        found: 'an object',
      });
    } else {
      problems.push(...secretProblems(authType, input.secrets, `${root}.secrets`));
    }
  }
  if (problems.length > 0) fail(problems);
}
