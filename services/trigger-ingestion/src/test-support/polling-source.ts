import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TriggerSpec } from '@patchbay/contracts';
import { postJson } from './connector-stack.js';

/** One record of the polled source: `id` is what the test counts, `ts` is what the source orders by. */
export interface SourceItem {
  id: string;
  ts: string;
}

/**
 * A change feed of the kind that makes polling hard: `GET /api/changes?since=<time>` answers every item with
 * `ts >= since` (same-second items come back again), and its `Location` looks back `lookbackMs` before the
 * newest `ts` it answered, so items that arrive late with older timestamps are still found, at the price of
 * pages that overlap. While `failing` is set, polls answer 500.
 */
export class PollingSource {
  readonly items: SourceItem[] = [];
  failing = false;
  calls = 0;
  private server?: Server;

  constructor(private readonly lookbackMs: number) {}

  add(...items: SourceItem[]): void {
    this.items.push(...items);
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://source');
      if (req.method !== 'GET' || url.pathname !== '/api/changes') {
        res.writeHead(404).end();
        return;
      }
      this.calls += 1;
      if (this.failing) {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"source unavailable"}');
        return;
      }
      const since = url.searchParams.get('since') ?? '1970-01-01T00:00:00.000Z';
      const page = this.items.filter((i) => i.ts >= since).sort((a, b) => a.ts.localeCompare(b.ts));
      const newest = page.at(-1)?.ts;
      const next =
        newest === undefined ? since : new Date(Date.parse(newest) - this.lookbackMs).toISOString();
      res.writeHead(200, {
        'content-type': 'application/json',
        location: `/api/changes?since=${encodeURIComponent(next)}`,
      });
      res.end(JSON.stringify({ value: page }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** A Swagger 2.0 custom connector over the source: one batch polling trigger (`x-ms-trigger: batch`). */
export function changeFeedDefinition(port: number): Record<string, unknown> {
  return {
    swagger: '2.0',
    info: { title: 'Change feed', version: '1.0' },
    host: `127.0.0.1:${port}`,
    basePath: '/api',
    schemes: ['http'],
    produces: ['application/json'],
    paths: {
      '/changes': {
        get: {
          operationId: 'WhenItemsChange',
          summary: 'When items change',
          'x-ms-trigger': 'batch',
          parameters: [{ name: 'since', in: 'query', type: 'string' }],
          responses: {
            '200': {
              description: 'changed items',
              schema: {
                type: 'object',
                properties: {
                  value: {
                    type: 'array',
                    items: { type: 'object', properties: { id: { type: 'string' }, ts: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** Registers the change feed listening on `port` as custom connector `connectorId` (version 1.0.0). */
export async function registerChangeFeed(
  runtimeUrl: string,
  port: number,
  connectorId: string,
): Promise<void> {
  await postJson(`${runtimeUrl}/api/connectors`, {
    definition: changeFeedDefinition(port),
    id: connectorId,
    version: '1.0.0',
  });
}

/** The polling trigger `changes` over the change feed: a poll every second, one run per changed item. */
export function changeFeedTrigger(
  connectionName: string,
): Partial<TriggerSpec> & { name: string; type: string } {
  return {
    name: 'changes',
    type: 'ApiConnection',
    recurrence: { frequency: 'Second', interval: 1 },
    splitOn: "@triggerBody()?['value']",
    inputs: {
      host: { connection: { name: connectionName } },
      method: 'get',
      path: '/changes',
      queries: { since: '1970-01-01T00:00:00.000Z' },
    },
  };
}
