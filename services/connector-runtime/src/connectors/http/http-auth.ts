import type { ClientTlsOptions } from '@patchbay/connector-sdk';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import type { HttpAuthentication } from './http-inputs.js';

/** The request being built: headers by name and the URL (a connection may put its key in the query). */
export interface OutgoingRequest {
  url: URL;
  headers: Record<string, string>;
  /** Client certificate for the TLS handshake. */
  tls?: ClientTlsOptions;
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

/** Applies the action's own `authentication` input (Logic Apps `Basic`, `Raw` or `ClientCertificate`). */
export function applyInlineAuthentication(
  request: OutgoingRequest,
  authentication: HttpAuthentication,
): void {
  if (authentication.kind === 'clientCertificate') {
    request.tls = { pfx: authentication.pfx };
    if (authentication.password !== undefined) request.tls.passphrase = authentication.password;
    return;
  }
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
 * `secrets.password`; bearer / oauth2 -> `Authorization: Bearer secrets.token | secrets.accessToken`;
 * clientCertificate -> TLS client certificate from `secrets.pfx` (+ `secrets.password`) or
 * `parameters.certificate` + `secrets.privateKey`, trusting `parameters.caCertificate` too when set; none -> nothing.
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
    case 'bearer':
    case 'oauth2': {
      // connection-store keeps OAuth access tokens fresh; a bearer connection stores its token as `token`.
      const token = text(secrets.token) ?? text(secrets.accessToken);
      if (token === undefined) return { problem: 'its secret token (or accessToken) is missing' };
      setHeader(request.headers, 'Authorization', `Bearer ${token}`);
      return undefined;
    }
    case 'clientCertificate': {
      const pfx = text(secrets.pfx);
      const cert = text(parameters.certificate) ?? text(secrets.certificate);
      const key = text(secrets.privateKey);
      if (pfx === undefined && (cert === undefined || key === undefined))
        return { problem: 'it needs the secret pfx, or a certificate and the secret privateKey' };
      const tls: ClientTlsOptions = pfx !== undefined ? { pfx } : { cert: cert!, key: key! };
      const passphrase = text(secrets.password) ?? text(secrets.passphrase);
      if (passphrase !== undefined) tls.passphrase = passphrase;
      // A private CA of the target (mutual TLS endpoints often have one); the system CAs otherwise.
      const ca = text(parameters.caCertificate);
      if (ca !== undefined) tls.ca = ca;
      request.tls = tls;
      return undefined;
    }
    default:
      return { problem: `authType '${authType}' is not supported by the Http connector` };
  }
}
