/**
 * The local driver's stand-in for connector-runtime's HTTP connector: performs one attempt of an `Http`
 * action with a real request (Node's fetch) and maps the answer to `{statusCode, headers, body}`.
 * 2xx succeeds; any other status fails (the interpreter decides about retries); a request that gets no
 * answer fails as retryable.
 */
import type { ActionCompletedEvent } from '@patchbay/wdl';

/** Per-request limit, the Logic Apps outbound default. */
const REQUEST_TIMEOUT_MS = 120_000;

type Completion = Pick<ActionCompletedEvent, 'status' | 'outputs' | 'error'>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

function requestHeaders(inputs: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isObject(inputs['headers']))
    for (const [name, value] of Object.entries(inputs['headers'])) headers[name] = text(value);
  const auth = inputs['authentication'];
  if (isObject(auth) && String(auth['type']).toLowerCase() === 'basic') {
    headers['Authorization'] =
      `Basic ${Buffer.from(`${text(auth['username'])}:${text(auth['password'])}`).toString('base64')}`;
  } else if (isObject(auth) && String(auth['type']).toLowerCase() === 'raw') {
    headers['Authorization'] = text(auth['value']);
  }
  return headers;
}

function parseResponseBody(raw: string, contentType: string | null): unknown {
  if (raw === '') return undefined;
  if (contentType !== null && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

export async function executeHttpAction(inputs: unknown, signal: AbortSignal): Promise<Completion> {
  if (!isObject(inputs) || typeof inputs['uri'] !== 'string' || typeof inputs['method'] !== 'string') {
    return {
      status: 'Failed',
      error: { code: 'InvalidHttpInputs', message: 'An Http action needs a method and a uri.' },
    };
  }
  let url: URL;
  try {
    url = new URL(inputs['uri']);
  } catch {
    return {
      status: 'Failed',
      error: { code: 'InvalidUri', message: `'${inputs['uri']}' is not an absolute URI.` },
    };
  }
  if (isObject(inputs['queries']))
    for (const [name, value] of Object.entries(inputs['queries'])) url.searchParams.append(name, text(value));
  const headers = requestHeaders(inputs);
  const body = inputs['body'];
  let payload: string | undefined;
  if (typeof body === 'string') payload = body;
  else if (body !== undefined && body !== null) {
    payload = JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
  }
  try {
    const response = await fetch(url, {
      method: inputs['method'].toUpperCase(),
      headers,
      ...(payload === undefined ? {} : { body: payload }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const raw = await response.text();
    const outputs: Record<string, unknown> = {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers.entries()),
    };
    const parsed = parseResponseBody(raw, response.headers.get('content-type'));
    if (parsed !== undefined) outputs['body'] = parsed;
    return response.status >= 200 && response.status < 300
      ? { status: 'Succeeded', outputs }
      : { status: 'Failed', outputs };
  } catch (error) {
    return {
      status: 'Failed',
      error: {
        code: 'ServiceRequestFailed',
        message: `The HTTP request failed: ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
      },
    };
  }
}
