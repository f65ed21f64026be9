import type { FieldProblem } from '@patchbay/platform';
import { OPTIONAL_SECRET_KEYS, REQUIRED_SECRET_KEY, type AuthType } from './connection.types.js';
import { describeFound } from '../validation/field-problems.js';

/** RFC 9110 token: what an HTTP header name may be made of. */
const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Parameter names that look like secret values: those belong in `secrets`, never in Postgres. */
const SECRET_LOOKING_PARAMETER =
  /^(password|passwd|secret|clientsecret|token|accesstoken|refreshtoken|apikey|privatekey)$/i;

/** What the non-secret parameters of an auth type must hold (checked on create and on every update). */
export function parameterProblems(
  authType: AuthType,
  parameters: Record<string, unknown>,
  root = 'body.parameters',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(parameters)) {
    if (SECRET_LOOKING_PARAMETER.test(key)) {
      problems.push({
        path: `${root}.${key}`,
        message: 'looks like a secret; secret values go in `secrets` (stored in Vault), not in `parameters`',
        expected: 'a non-secret setting',
        found: describeFound(value, true),
      });
    }
  }
  if (authType === 'oauth2AuthorizationCode' || authType === 'oauth2ClientCredentials') {
    problems.push(...oauthParameterProblems(authType, parameters, root));
  }
  if (authType === 'workloadIdentity') problems.push(...workloadIdentityProblems(parameters, root));
  if (authType === 'apiKey') {
    for (const key of ['headerName', 'queryName'] as const) {
      const value = parameters[key];
      if (value !== undefined && (typeof value !== 'string' || !HEADER_NAME_PATTERN.test(value))) {
        problems.push({
          path: `${root}.${key}`,
          message: 'is not a valid name',
          expected: 'an HTTP token such as X-Api-Key',
          found: describeFound(value, false),
        });
      }
    }
    if (parameters.headerName !== undefined && parameters.queryName !== undefined) {
      problems.push({
        path: `${root}.queryName`,
        message: 'cannot be used together with headerName',
        expected: 'either headerName or queryName',
        found: describeFound(parameters.queryName, false),
      });
    }
  }
  return problems;
}

/**
 * A basic connection names its user in `parameters.username`, unless the connector declares its own user
 * parameter (PostgreSQL's `user`): with a catalogue the declaration decides, without one this rule applies.
 */
export function basicUsernameProblems(parameters: Record<string, unknown>, root: string): FieldProblem[] {
  const username = parameters.username;
  if (typeof username === 'string' && username !== '') return [];
  return [
    {
      path: `${root}.username`,
      message: "is required for authType 'basic'",
      expected: 'a non-empty string',
      found: describeFound(username, false),
    },
  ];
}

/** What the secrets of an auth type must be: exactly its one required key, or none. Values are never echoed. */
export function secretProblems(
  authType: AuthType,
  secrets: Record<string, string>,
  root = 'body.secrets',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = REQUIRED_SECRET_KEY[authType];
  if (required !== undefined && secrets[required] === undefined) {
    problems.push({
      path: `${root}.${required}`,
      message: `is required for authType '${authType}'`,
      expected: 'a non-empty string',
      found: 'nothing',
    });
  }
  const allowed = [...(required === undefined ? [] : [required]), ...OPTIONAL_SECRET_KEYS[authType]];
  for (const [key, value] of Object.entries(secrets)) {
    if (!allowed.includes(key)) {
      problems.push({
        path: `${root}.${key}`,
        message:
          allowed.length === 0
            ? `authType '${authType}' takes no secrets`
            : `is not a secret of authType '${authType}'`,
        expected: allowed.length === 0 ? 'no secrets' : `only ${allowed.map((k) => `'${k}'`).join(', ')}`,
        found: describeFound(value, true),
      });
    }
  }
  return problems;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** OAuth2 connections name their provider's endpoints and their client id; scopes are optional. */
function oauthParameterProblems(
  authType: AuthType,
  parameters: Record<string, unknown>,
  root: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const urls = authType === 'oauth2AuthorizationCode' ? ['authorizationUrl', 'tokenUrl'] : ['tokenUrl'];
  for (const key of urls) {
    if (!isHttpUrl(parameters[key])) {
      problems.push({
        path: `${root}.${key}`,
        message: parameters[key] === undefined ? `is required for authType '${authType}'` : 'is not a URL',
        expected: 'an https:// URL of the provider',
        found: describeFound(parameters[key], false),
      });
    }
  }
  if (parameters.revocationUrl !== undefined && !isHttpUrl(parameters.revocationUrl)) {
    problems.push({
      path: `${root}.revocationUrl`,
      message: 'is not a URL',
      expected: 'an https:// URL of the provider',
      found: describeFound(parameters.revocationUrl, false),
    });
  }
  if (typeof parameters.clientId !== 'string' || parameters.clientId === '') {
    problems.push({
      path: `${root}.clientId`,
      message: `is required for authType '${authType}'`,
      expected: 'the client id registered at the provider',
      found: describeFound(parameters.clientId, false),
    });
  }
  const scopes = parameters.scopes;
  if (
    scopes !== undefined &&
    !(
      Array.isArray(scopes) &&
      scopes.every((s) => typeof s === 'string' && /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s))
    )
  ) {
    problems.push({
      path: `${root}.scopes`,
      message: 'is not a list of scopes',
      expected: 'an array of scope strings, e.g. ["api:read", "offline_access"]',
      found: describeFound(scopes, false),
    });
  }
  return problems;
}

/** A Vault database secrets engine role name (what `<mount>/creds/<role>` takes). */
export const VAULT_ROLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * A workload-identity connection stores no credential: it names the Vault database role whose dynamic
 * credential connection-store asks for, with its own Vault identity, at every resolve.
 */
function workloadIdentityProblems(parameters: Record<string, unknown>, root: string): FieldProblem[] {
  const role = parameters.vaultRole;
  if (typeof role === 'string' && VAULT_ROLE_PATTERN.test(role)) return [];
  return [
    {
      path: `${root}.vaultRole`,
      message:
        role === undefined ? "is required for authType 'workloadIdentity'" : 'is not a Vault role name',
      expected: 'the role of the Vault database secrets engine to ask for a credential, e.g. patchbay-orders',
      found: describeFound(role, false),
    },
  ];
}
