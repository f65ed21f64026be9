/**
 * The local HTTP stub of the WDL acceptance cases (corpus/wdl-cases/README.md, "The stub"): scripted
 * responses per `"<METHOD> <path>[?name=value...]"` key, one per matched request, the last one repeated;
 * unmatched requests answer 404 and are recorded; every request is recorded.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

interface StubKey {
  text: string;
  method: string;
  path: string;
  query: [string, string][];
}

/** Parses a script key such as `POST /orders?region=eu`. */
export function parseStubKey(text: string): StubKey {
  const space = text.indexOf(' ');
  const method = (space < 0 ? text : text.slice(0, space)).toUpperCase();
  const target = space < 0 ? '/' : text.slice(space + 1).trim();
  const questionMark = target.indexOf('?');
  const path = questionMark < 0 ? target : target.slice(0, questionMark);
  const query = questionMark < 0 ? [] : [...new URLSearchParams(target.slice(questionMark + 1)).entries()];
  return { text, method, path, query };
}

function matches(key: StubKey, request: Pick<StubRequest, 'method' | 'path' | 'query'>): boolean {
  return (
    key.method === request.method.toUpperCase() &&
    key.path === request.path &&
    key.query.every(([name, value]) => request.query[name] === value)
  );
}

/** The key of `keys` that a request matches; keys with a query part win over keys without. */
export function matchStubKey(
  keys: readonly string[],
  request: Pick<StubRequest, 'method' | 'path' | 'query'>,
): string | undefined {
  const parsed = keys.map(parseStubKey).filter((key) => matches(key, request));
  parsed.sort((a, b) => b.query.length - a.query.length);
  return parsed[0]?.text;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export class StubServer {
  readonly requests: StubRequest[] = [];
  readonly warnings: string[] = [];
  private readonly used = new Map<string, number>();
  private server: Server | undefined;

  constructor(private readonly script: Record<string, StubResponse[]>) {}

  /** Starts on 127.0.0.1 on a free port; returns the port. */
  async start(): Promise<number> {
    const server = createServer((request, response) => {
      void (async () => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const record: StubRequest = {
          method: (request.method ?? 'GET').toUpperCase(),
          path: url.pathname,
          query: Object.fromEntries(url.searchParams.entries()),
          headers: flatHeaders(request),
          body: await readBody(request),
        };
        this.requests.push(record);
        const key = matchStubKey(Object.keys(this.script), record);
        const list = key === undefined ? undefined : this.script[key];
        if (key === undefined || list === undefined || list.length === 0) {
          this.warnings.push(`unmatched stub request ${record.method} ${url.pathname}${url.search}`);
          response.writeHead(404).end();
          return;
        }
        const index = this.used.get(key) ?? 0;
        this.used.set(key, index + 1);
        const reply = list[Math.min(index, list.length - 1)] as StubResponse;
        const headers: Record<string, string> = { ...(reply.headers ?? {}) };
        let body = '';
        if (typeof reply.body === 'string') body = reply.body;
        else if (reply.body !== undefined) {
          body = JSON.stringify(reply.body);
          if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['Content-Type'] = 'application/json';
        }
        response.writeHead(reply.status, headers).end(body);
      })();
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Requests matched to `key` under the same rules as responses (the most specific key wins). */
  requestsFor(key: string): StubRequest[] {
    const keys = [...new Set([...Object.keys(this.script), key])];
    return this.requests.filter((request) => matchStubKey(keys, request) === key);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
