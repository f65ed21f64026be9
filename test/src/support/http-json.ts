import { request as httpRequest } from 'node:http';

/** A JSON answer from one of the platform's APIs. */
export interface JsonAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends JSON (or nothing) and reads the answer as JSON when it is JSON, as text otherwise. */
export async function requestJson<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Like requestJson, but throws with the answer when the status is not one of `expected`. */
export async function expectJson<T = unknown>(
  expected: number[],
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const answer = await requestJson<T>(method, url, body);
  if (!expected.includes(answer.status)) {
    throw new Error(
      `${method} ${url}: expected HTTP ${expected.join('/')}, got ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

/**
 * POSTs a body of `bytes` bytes and returns the answer's status. A server that judges the body by its
 * Content-Length answers and closes before the upload: so the headers go first, and the body only when no
 * answer came within a second (a server that reads before refusing still gets all of it).
 */
export function postOversized(url: string, bytes: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(bytes) },
    });
    let status: number | undefined;
    request.on('response', (response) => {
      status = response.statusCode;
      response.resume();
      resolve(status ?? 0);
    });
    request.on('error', (error) => {
      if (status === undefined)
        setTimeout(() => (status === undefined ? reject(error) : resolve(status)), 500);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const size = Math.min(chunk.length, bytes - sent);
        sent += size;
        if (!request.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    request.flushHeaders();
    setTimeout(() => {
      if (status === undefined) pump();
    }, 1_000);
  });
}
