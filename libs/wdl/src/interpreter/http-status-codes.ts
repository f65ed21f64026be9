/**
 * The `code` Logic Apps records for an HTTP-like action: the status's name in PascalCase
 * (`OK`, `BadRequest`, `InternalServerError`).
 */
const NAMES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'NonAuthoritativeInformation',
  204: 'NoContent',
  206: 'PartialContent',
  301: 'MovedPermanently',
  302: 'Found',
  304: 'NotModified',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  408: 'RequestTimeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function httpStatusCodeName(status: number): string {
  return NAMES[status] ?? String(status);
}

/** The status code in `{statusCode}` outputs, if there is a numeric one. */
export function statusCodeOf(outputs: unknown): number | undefined {
  if (outputs === null || typeof outputs !== 'object') return undefined;
  const value = (outputs as Record<string, unknown>)['statusCode'];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d{3}$/.test(value)) return Number(value);
  return undefined;
}
