/**
 * A local HTTP server that plays the target of an imported connector: it checks each request against the
 * operation it is for (the one `expect` named, else the one its route matches) and answers with a body
 * sampled from the operation's success response schema. Every exchange is recorded.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  GeneratedOperation,
  ImportedConnector,
  OperationResponse,
} from '../model/imported-connector.js';
import type { ConnectionValues } from '../execute/connection-template.js';
import { authSchemeOf, baseUrlFor } from '../execute/request-builder.js';
import { checkAuth, checkRequest, wireRouteRegex, type ReceivedRequest } from './request-checker.js';
import { sampleOf, SAMPLE_FILE } from './sample-values.js';

export interface MockExchange {
  /** The operation the request was checked against; undefined when none matched. */
  operationId?: string;
  /** Set when the request was a `setvaluefromurl` lookup of this operation, not the call itself. */
  lookupFor?: string;
  /** Set when the request followed a next link the mock gave (page 2, 3, ... of this operation). */
  pageOf?: string;
  request: ReceivedRequest;
  problems: string[];
  status: number;
  /** What the mock sent (parsed JSON value, text, or the file envelope). */
  responseBody?: unknown;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>`: pass as `originOverride` to the executor. */
  origin: string;
  exchanges: MockExchange[];
  /**
   * The next requests are checked against this operation (until changed). With `pages` > 1, an `x-ms-pageable`
   * operation's answers carry a next link back to the mock until that many pages were served.
   */
  expect(operationId: string | undefined, options?: { pages?: number }): void;
  close(): Promise<void>;
}

export interface MockServerOptions {
  connector: ImportedConnector;
  connection: ConnectionValues;
  /** Path of the base URL the executor computes; default: from the definition, connection and headers. */
  basePathFor?(operation: GeneratedOperation, headers: Record<string, string>): string;
}

/** The response the mock gives: the first 2xx with a schema, else the first 2xx, else `default`. */
export function successResponse(operation: GeneratedOperation): OperationResponse | undefined {
  const success = operation.responses
    .filter((r) => /^2/.test(r.status))
    .sort((a, b) => a.status.localeCompare(b.status));
  return (
    success.find((r) => r.schema !== undefined) ??
    success[0] ??
    operation.responses.find((r) => r.status === 'default')
  );
}

/** Where the mock's next links point (`<prefix><page>?op=<operationId>`). */
const NEXT_PAGE_PATH = '/__patchbay-next-page/';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a `setvaluefromurl` lookup finds in the mock's answer. */
export const LOOKUP_VALUE = 'sample-lookup-value';

function nest(path: string, value: unknown): unknown {
  return path
    .split('/')
    .filter((s) => s !== '')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function statusOf(response: OperationResponse | undefined): number {
  return response !== undefined && /^\d{3}$/.test(response.status) ? Number(response.status) : 200;
}

async function readRequest(message: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: message.method ?? 'GET', url: message.url ?? '/', headers, body: Buffer.concat(chunks) };
}

export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const { connector, connection } = options;
  const auth = authSchemeOf(connector, connection);
  const basePathFor =
    options.basePathFor ??
    ((operation: GeneratedOperation, headers: Record<string, string>): string =>
      new URL(baseUrlFor(connector, operation, { connection, headers, method: operation.method })).pathname);
  const exchanges: MockExchange[] = [];
  let expected: string | undefined;
  let pages = 1;
  let served = 0;
  let origin = '';
  /** The sampled body with a next link added while pages remain (pageable operations only). */
  const paged = (operation: GeneratedOperation, body: unknown): unknown => {
    const pageable = operation.pageable;
    served += 1;
    if (pageable === undefined || !isRecord(body)) return body;
    const { [pageable.nextLinkName]: _sampled, ...page } = body; // a sampled link would lead nowhere
    if (served >= pages || !Array.isArray(body[pageable.itemName])) return page;
    const link = `${origin}${NEXT_PAGE_PATH}${served + 1}?op=${encodeURIComponent(operation.operationId)}`;
    return { ...page, [pageable.nextLinkName]: link };
  };
  const routeOf = (request: ReceivedRequest): GeneratedOperation | undefined => {
    if (expected !== undefined) return connector.operations.find((o) => o.operationId === expected);
    const path = new URL(request.url, 'http://mock').pathname;
    return connector.operations.find(
      (o) =>
        o.wire.method === request.method && wireRouteRegex(basePathFor(o, request.headers), o).test(path),
    );
  };
  const lookupOf = (operation: GeneratedOperation, request: ReceivedRequest) => {
    const path = new URL(request.url, 'http://mock').pathname;
    const base = basePathFor(operation, request.headers);
    return operation.valueLookups.find(
      (l) =>
        l.method === request.method &&
        wireRouteRegex(base, { ...operation, wire: { method: l.method, path: l.path } }).test(path),
    );
  };
  const server: Server = createServer((message, reply) => {
    let request: ReceivedRequest | undefined;
    void (async () => {
      const received = await readRequest(message);
      request = received;
      const operation = routeOf(received);
      if (
        operation !== undefined &&
        new URL(received.url, 'http://mock').pathname.startsWith(NEXT_PAGE_PATH)
      ) {
        const response = successResponse(operation);
        const problems = [
          ...(received.method === 'GET' ? [] : [`a next link was followed with ${received.method}`]),
          ...checkAuth(auth, connection, received, new URL(received.url, 'http://mock').searchParams),
        ];
        const body =
          problems.length === 0 ? paged(operation, sampleOf(response?.schema ?? {})) : { problems };
        const status = problems.length === 0 ? 200 : 400;
        exchanges.push({
          pageOf: operation.operationId,
          request: received,
          problems,
          status,
          responseBody: body,
        });
        reply.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? null));
        return;
      }
      const lookup = operation === undefined ? undefined : lookupOf(operation, received);
      if (operation !== undefined && lookup !== undefined) {
        const body = nest(lookup.valuePath, LOOKUP_VALUE);
        exchanges.push({
          lookupFor: operation.operationId,
          request: received,
          problems: [],
          status: 200,
          responseBody: body,
        });
        reply.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      if (operation === undefined) {
        exchanges.push({ request: received, problems: ['no operation matches this request'], status: 404 });
        reply.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no operation"}');
        return;
      }
      const problems = await checkRequest(
        operation,
        auth,
        connection,
        basePathFor(operation, received.headers),
        received,
      );
      if (problems.length > 0) {
        exchanges.push({ operationId: operation.operationId, request: received, problems, status: 400 });
        reply.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ problems }));
        return;
      }
      const response = successResponse(operation);
      const status = statusOf(response);
      if (response?.schema === undefined || status === 204) {
        exchanges.push({ operationId: operation.operationId, request: received, problems, status });
        reply.writeHead(status).end();
        return;
      }
      if (response.file) {
        const bytes = Buffer.from(SAMPLE_FILE.$content, 'base64');
        exchanges.push({
          operationId: operation.operationId,
          request: received,
          problems,
          status,
          responseBody: { '$content-type': 'application/octet-stream', $content: SAMPLE_FILE.$content },
        });
        reply.writeHead(status, { 'content-type': 'application/octet-stream' }).end(bytes);
        return;
      }
      const body = paged(operation, sampleOf(response.schema));
      exchanges.push({
        operationId: operation.operationId,
        request: received,
        problems,
        status,
        responseBody: body,
      });
      reply.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? null));
    })().catch((error: unknown) => {
      if (request !== undefined) {
        exchanges.push({ request, problems: [`the mock failed: ${(error as Error).message}`], status: 500 });
      }
      reply.writeHead(500, { 'content-type': 'text/plain' }).end(String((error as Error).message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    exchanges,
    expect(operationId, options = {}) {
      expected = operationId;
      pages = options.pages ?? 1;
      served = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
