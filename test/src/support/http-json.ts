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
