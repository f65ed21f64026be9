import type { ResolvedConnectionData } from '../../execution/connector.js';
import type { HttpAuthentication } from './http-inputs.js';

/** The request being built: headers by name and the URL (a connection may put its key in the query). */
export interface OutgoingRequest {
  url: URL;
  headers: Record<string, string>;
}

/** Sets a header, replacing any spelling of the same name already there. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((existing) => existing.toLowerCase() === name.toLowerCase());
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Applies the action's own `authentication` input (Logic Apps `Basic` or `Raw`). */
export function applyInlineAuthentication(
  request: OutgoingRequest,
  authentication: HttpAuthentication,
): void {
  setHeader(
    request.headers,
    'Authorization',
    authentication.kind === 'basic'
      ? basic(authentication.username, authentication.password)
      : authentication.value,
  );
}

/** Why a connection could not be applied; names the missing piece, never a value. */
export type ConnectionAuthProblem = { problem: string };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Applies a connection's credentials: apiKey -> header `parameters.headerName` (default `X-API-Key`) or
 * query `parameters.queryName`; basic -> `Authorization: Basic` from `parameters.username` and
 * `secrets.password`; bearer -> `Authorization: Bearer secrets.token`; none -> nothing.
 */
export function applyConnectionAuthentication(
  request: OutgoingRequest,
  connection: ResolvedConnectionData,
): ConnectionAuthProblem | undefined {
  const { authType, parameters, secrets } = connection;
  switch (authType) {
    case 'none':
      return undefined;
    case 'apiKey': {
      const key = text(secrets.apiKey);
      if (key === undefined) return { problem: 'its secret apiKey is missing' };
      const queryName = text(parameters.queryName);
      if (queryName !== undefined) request.url.searchParams.set(queryName, key);
      else setHeader(request.headers, text(parameters.headerName) ?? 'X-API-Key', key);
      return undefined;
    }
    case 'basic': {
      const username = text(parameters.username);
      const password = typeof secrets.password === 'string' ? secrets.password : undefined;
      if (username === undefined || password === undefined)
        return { problem: 'it needs parameters.username and the secret password' };
      setHeader(request.headers, 'Authorization', basic(username, password));
      return undefined;
    }
    case 'bearer': {
      const token = text(secrets.token);
      if (token === undefined) return { problem: 'its secret token is missing' };
      setHeader(request.headers, 'Authorization', `Bearer ${token}`);
      return undefined;
    }
    default:
      return { problem: `authType '${authType}' is not supported by the Http connector` };
  }
}
