import type { ConnectionParameterSpec, ConnectorConnectionSpec } from '@patchbay/contracts';
import type { FieldProblem } from '@patchbay/platform';
import {
  AUTH_TYPES,
  OPTIONAL_SECRET_KEYS,
  REQUIRED_SECRET_KEY,
  connectorAuthOf,
  isOAuth,
  type AuthType,
} from '../connections/connection.types.js';
import { describeFound } from '../validation/field-problems.js';

/** Parameters connection-store itself reads for an auth type (provider endpoints, where a key goes, ...). */
const STORE_PARAMETERS: Record<AuthType, readonly string[]> = {
  none: [],
  apiKey: ['headerName', 'queryName'],
  basic: ['username'],
  bearer: [],
  oauth2AuthorizationCode: ['authorizationUrl', 'tokenUrl', 'revocationUrl', 'clientId', 'scopes', 'issuer'],
  oauth2ClientCredentials: ['tokenUrl', 'revocationUrl', 'clientId', 'scopes', 'issuer'],
  clientCertificate: ['certificate'],
  workloadIdentity: ['vaultRole'],
};

/** Parameters connector-runtime reads for every connector: version pin and the shared concurrency/rate budget. */
export const RUNTIME_PARAMETERS = ['connectorVersion', 'concurrencyLimit', 'rateLimitPerMinute'] as const;

/** What a create or update hands to the catalogue check; absent fields are not being set. */
export interface CatalogCheckInput {
  authType: AuthType;
  parameters?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

/** The store auth types a connector's declaration accepts, e.g. `'basic', 'workloadIdentity'`. */
export function acceptedAuthTypes(spec: ConnectorConnectionSpec): AuthType[] {
  return AUTH_TYPES.filter((authType) => accepts(spec, authType));
}

function accepts(spec: ConnectorConnectionSpec, authType: AuthType): boolean {
  if (spec.connection === 'none') return authType === 'none';
  const wanted = connectorAuthOf(authType);
  if (authType === 'none' && spec.connection === 'optional') return true;
  return spec.authTypes.some(
    (declared) =>
      declared.type === wanted.type && (wanted.flow === undefined || declared.flow === wanted.flow),
  );
}

function applicable(spec: ConnectorConnectionSpec, authType: AuthType): ConnectionParameterSpec[] {
  const type = connectorAuthOf(authType).type;
  return spec.connectionParameters.filter(
    (p) => p.forAuthTypes === undefined || p.forAuthTypes.includes(type),
  );
}

function typeMatches(type: ConnectionParameterSpec['type'], value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

const TYPE_WORDS: Record<ConnectionParameterSpec['type'], string> = {
  string: 'a string',
  int: 'an integer',
  bool: 'a boolean',
  array: 'an array',
  object: 'an object',
};

/**
 * Checks a connection against its connector's declared connection parameters (connector-runtime's
 * catalogue): the auth type must be one the connector accepts; each declared parameter for that auth type must
 * be present when required (unless it has a default), of its declared type and among its allowed values, and
 * in the right place (secret ones in `secrets`, the others in `parameters`); anything else is unknown, except
 * what the store or the runtime read themselves. One problem per field; secret values are never echoed.
 */
export function catalogProblems(
  spec: ConnectorConnectionSpec,
  input: CatalogCheckInput,
  root: string,
): FieldProblem[] {
  const connector = `connector '${spec.connectorId}'@${spec.version}`;
  if (!accepts(spec, input.authType)) {
    const accepted = acceptedAuthTypes(spec);
    return [
      {
        path: `${root}.authType`,
        message: `is not accepted by ${connector}`,
        expected: accepted.length === 0 ? 'no connection at all' : accepted.map((t) => `'${t}'`).join(' | '),
        found: JSON.stringify(input.authType),
      },
    ];
  }
  const declared = applicable(spec, input.authType);
  const byName = new Map(declared.map((p) => [p.name, p]));
  const problems: FieldProblem[] = [];
  const knownParameters = [
    ...declared.filter((p) => !p.secret).map((p) => p.name),
    ...STORE_PARAMETERS[input.authType],
    ...RUNTIME_PARAMETERS,
  ];
  const storeSecrets = [
    ...(REQUIRED_SECRET_KEY[input.authType] === undefined ? [] : [REQUIRED_SECRET_KEY[input.authType]!]),
    ...OPTIONAL_SECRET_KEYS[input.authType],
  ];
  if (input.parameters !== undefined) {
    for (const [name, value] of Object.entries(input.parameters)) {
      const parameter = byName.get(name);
      if (parameter?.secret === true) {
        problems.push({
          path: `${root}.parameters.${name}`,
          message: `is a secret of ${connector}; put it in \`secrets\` (kept in Vault)`,
          expected: 'no secret values in parameters',
          found: describeFound(value, true),
        });
      } else if (parameter !== undefined) {
        const problem = valueProblem(parameter, value, `${root}.parameters.${name}`, false);
        if (problem !== undefined) problems.push(problem);
      } else if (!knownParameters.includes(name)) {
        problems.push(
          unknown(`${root}.parameters.${name}`, connector, input.authType, knownParameters, value, false),
        );
      }
    }
    for (const parameter of declared) {
      if (parameter.secret || !parameter.required || parameter.hasDefault) continue;
      if (input.parameters[parameter.name] === undefined)
        problems.push({
          path: `${root}.parameters.${parameter.name}`,
          message: `is required by ${connector}`,
          expected: TYPE_WORDS[parameter.type],
          found: 'nothing',
        });
    }
  }
  if (input.secrets !== undefined) {
    for (const [name, value] of Object.entries(input.secrets)) {
      const parameter = byName.get(name);
      if (parameter !== undefined && !parameter.secret) {
        problems.push({
          path: `${root}.secrets.${name}`,
          message: `is not secret for ${connector}; put it in \`parameters\``,
          expected: 'only secret values in secrets',
          found: describeFound(value, true),
        });
      } else if (parameter !== undefined) {
        const problem = valueProblem(parameter, value, `${root}.secrets.${name}`, true);
        if (problem !== undefined) problems.push(problem);
      }
      // Names outside the auth type's secret set are refused by the auth type rules already.
    }
    // The store's own secret of the auth type is what the runtime hands over under the connector's names.
    const covered = storeSecrets.some((key) => input.secrets?.[key] !== undefined);
    const storeManaged = isOAuth(input.authType) || input.authType === 'workloadIdentity';
    for (const parameter of declared) {
      if (!parameter.secret || !parameter.required || parameter.hasDefault || storeManaged) continue;
      if (input.secrets[parameter.name] === undefined && !covered)
        problems.push({
          path: `${root}.secrets.${parameter.name}`,
          message: `is required by ${connector}`,
          expected: 'a non-empty string',
          found: 'nothing',
        });
    }
  }
  return problems;
}

function valueProblem(
  parameter: ConnectionParameterSpec,
  value: unknown,
  path: string,
  secret: boolean,
): FieldProblem | undefined {
  if (!typeMatches(parameter.type, value))
    return {
      path,
      message: `must be ${TYPE_WORDS[parameter.type]}`,
      expected: TYPE_WORDS[parameter.type],
      found: describeFound(value, secret),
    };
  const allowed = parameter.allowedValues;
  if (allowed !== undefined && allowed.length > 0 && !allowed.includes(value as string | number | boolean))
    return {
      path,
      message: 'is not one of the allowed values',
      expected: secret ? 'one of the declared values' : allowed.map((v) => JSON.stringify(v)).join(' | '),
      found: describeFound(value, secret),
    };
  return undefined;
}

function unknown(
  path: string,
  connector: string,
  authType: AuthType,
  known: readonly string[],
  value: unknown,
  secret: boolean,
): FieldProblem {
  return {
    path,
    message: `is not a connection parameter of ${connector} for authType '${authType}'`,
    expected: known.length === 0 ? 'no parameters' : `one of ${[...new Set(known)].join(', ')}`,
    found: describeFound(value, secret),
  };
}
