import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the items API target received. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A small Swagger 2.0 API on the test's target server; version 2 adds DeleteItem. */
export function itemsDefinition(port: number, version: 1 | 2): Record<string, unknown> {
  const item = {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, verbose: { type: 'boolean' } },
  };
  const byId: Record<string, unknown> = {
    get: {
      operationId: 'GetItem',
      summary: 'Get an item',
      parameters: [
        { name: 'itemId', in: 'path', required: true, type: 'integer' },
        { name: 'verbose', in: 'query', type: 'boolean' },
      ],
      responses: { '200': { description: 'the item', schema: item } },
    },
  };
  if (version === 2)
    byId['delete'] = {
      operationId: 'DeleteItem',
      summary: 'Delete an item',
      parameters: [{ name: 'itemId', in: 'path', required: true, type: 'integer' }],
      responses: { '204': { description: 'deleted' } },
    };
  return {
    swagger: '2.0',
    info: { title: 'Items API', version: `${version}.0` },
    host: `127.0.0.1:${port}`,
    basePath: '/api',
    schemes: ['http'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    security: [{ key: [] }],
    paths: {
      '/items/{itemId}': byId,
      '/items': {
        post: {
          operationId: 'CreateItem',
          summary: 'Create an item',
          parameters: [
            {
              name: 'item',
              in: 'body',
              required: true,
              schema: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string' }, qty: { type: 'integer' } },
              },
            },
          ],
          responses: { '201': { description: 'created', schema: item } },
        },
      },
    },
  };
}

/** A custom connector with one webhook operation (`x-ms-notification-url` in the body). */
export function hooksDefinition(port: number): Record<string, unknown> {
  return {
    swagger: '2.0',
    info: { title: 'Hooks API', version: '1.0' },
    host: `127.0.0.1:${port}`,
    basePath: '/api',
    schemes: ['http'],
    consumes: ['application/json'],
    paths: {
      '/hooks': {
        'x-ms-notification-content': { schema: { type: 'object' } },
        post: {
          operationId: 'WhenItemCreated',
          'x-ms-trigger': 'single',
          parameters: [
            {
              name: 'subscription',
              in: 'body',
              required: true,
              schema: {
                type: 'object',
                required: ['callbackUrl'],
                properties: {
                  event: { type: 'string' },
                  callbackUrl: {
                    type: 'string',
                    'x-ms-notification-url': true,
                    'x-ms-visibility': 'internal',
                  },
                },
              },
            },
          ],
          responses: { '201': { description: 'subscribed' } },
        },
      },
    },
  };
}

/**
 * The remote API the custom connectors of the test call: items by id (GET), item creation (POST), webhook
 * subscriptions (POST /api/hooks, /webhooks answer a Location; DELETE of it answers 204) and served
 * definitions (/definitions/*, for URL import, not recorded). Every other call is recorded in `seen`.
 */
export class ItemsApiTarget {
  readonly seen: Seen[] = [];
  port = 0;
  private server?: Server;

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const url = req.url ?? '';
        if (url.startsWith('/definitions/')) {
          // Served definitions (URL import) are not calls of the API.
          const port = this.port;
          res.writeHead(200, { 'content-type': 'application/yaml' });
          res.end(
            `swagger: "2.0"\ninfo: { title: Items API, version: "3.0" }\nhost: "127.0.0.1:${port}"\nbasePath: /api\nschemes: [http]\npaths:\n  /ping:\n    get:\n      operationId: Ping\n      responses: { "200": { description: pong } }\n`,
          );
          return;
        }
        this.seen.push({ method: req.method ?? '', url, headers: req.headers, body });
        const byId = /^\/api\/items\/(\d+)(\?.*)?$/.exec(url);
        if (req.method === 'GET' && byId !== null) {
          const verbose = new URL(url, 'http://x').searchParams.get('verbose') === 'true';
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: Number(byId[1]), name: 'widget', verbose }));
          return;
        }
        if (req.method === 'POST' && (url === '/api/hooks' || url === '/webhooks')) {
          res.writeHead(201, { location: `${url}/9` }).end();
          return;
        }
        if (req.method === 'DELETE' && (url === '/api/hooks/9' || url === '/webhooks/9')) {
          res.writeHead(204).end();
          return;
        }
        if (req.method === 'POST' && url === '/api/items') {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: 7, ...(JSON.parse(body) as object) }));
          return;
        }
        res.writeHead(404).end();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    if (this.server === undefined) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
