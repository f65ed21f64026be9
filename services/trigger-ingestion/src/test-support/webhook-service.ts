import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TriggerSpec } from '@patchbay/contracts';

/** One subscribe or unsubscribe call the service received. */
export interface SubscriptionCall {
  kind: 'subscribe' | 'unsubscribe';
  /** The callback URL the call was about (from the body of a subscribe, or the query / subscription id of an unsubscribe). */
  callbackUrl: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: unknown;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A remote service with webhook subscriptions, as Patchbay's webhook triggers meet them:
 * `POST /api/subscriptions` with `{ callbackUrl, ... }` answers 201 and `Location: /api/subscriptions/<n>`;
 * `DELETE /api/subscriptions/<n>` (a custom connector deletes its Location) or
 * `DELETE /api/subscriptions?callbackUrl=<url>` (an HttpWebhook's unsubscribe) answers 204. While
 * `failSubscribes` is above zero, a subscribe answers 503 and counts it down; while `holdSubscribes` is set, a
 * subscribe waits for `release()` before it answers.
 */
export class WebhookService {
  readonly calls: SubscriptionCall[] = [];
  failSubscribes = 0;
  /** While above zero, an unsubscribe answers 503 (recorded all the same) and counts it down. */
  failUnsubscribes = 0;
  /** While set, a subscribe is recorded at once but answered only when `release()` is called. */
  holdSubscribes = false;
  private held: (() => void)[] = [];
  private readonly byId = new Map<string, string>();
  private server?: Server;
  private port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The calls about callback URLs starting with `prefix` (the trigger-ingestion under test; others may share Kafka). */
  callsFor(prefix: string, kind?: SubscriptionCall['kind']): SubscriptionCall[] {
    return this.calls.filter(
      (c) => c.callbackUrl.startsWith(prefix) && (kind === undefined || c.kind === kind),
    );
  }

  /**
   * An HttpWebhook trigger `name` on this service: subscribes with `{ callbackUrl, ...body }` and, unless
   * `unsubscribe` is false, unsubscribes by callback URL.
   */
  httpWebhookTrigger(
    name: string,
    options: { body?: Record<string, unknown>; unsubscribe?: boolean; splitOn?: string } = {},
  ): Partial<TriggerSpec> & { name: string; type: string } {
    const callbackUrl = '@{listCallbackUrl()}';
    return {
      name,
      type: 'HttpWebhook',
      ...(options.splitOn === undefined ? {} : { splitOn: options.splitOn }),
      inputs: {
        subscribe: {
          method: 'POST',
          uri: `${this.baseUrl}/api/subscriptions`,
          body: { callbackUrl, ...options.body },
        },
        ...(options.unsubscribe === false
          ? {}
          : {
              unsubscribe: {
                method: 'DELETE',
                uri: `${this.baseUrl}/api/subscriptions`,
                queries: { callbackUrl },
              },
            }),
      },
    };
  }

  /** Answers the subscribes held so far and stops holding. */
  release(): void {
    this.holdSubscribes = false;
    for (const answer of this.held.splice(0)) answer();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://service');
        const body = await bodyOf(req);
        const common = {
          authorization: req.headers.authorization,
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          body,
        };
        if (req.method === 'POST' && url.pathname === '/api/subscriptions') {
          const callbackUrl = (body as { callbackUrl?: unknown } | null)?.callbackUrl;
          if (typeof callbackUrl !== 'string') {
            res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"callbackUrl missing"}');
            return;
          }
          if (this.failSubscribes > 0) {
            this.failSubscribes -= 1;
            this.calls.push({ kind: 'subscribe', callbackUrl, ...common });
            res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"try later"}');
            return;
          }
          const id = String(this.byId.size + 1);
          this.byId.set(id, callbackUrl);
          this.calls.push({ kind: 'subscribe', callbackUrl, ...common });
          if (this.holdSubscribes) await new Promise<void>((resolve) => this.held.push(resolve));
          res
            .writeHead(201, { 'content-type': 'application/json', location: `/api/subscriptions/${id}` })
            .end(JSON.stringify({ id }));
          return;
        }
        if (req.method === 'DELETE' && url.pathname.startsWith('/api/subscriptions')) {
          const id = url.pathname.split('/')[3];
          const callbackUrl =
            id !== undefined ? this.byId.get(id) : (url.searchParams.get('callbackUrl') ?? undefined);
          if (callbackUrl === undefined) {
            res.writeHead(404).end();
            return;
          }
          this.calls.push({ kind: 'unsubscribe', callbackUrl, ...common });
          if (this.failUnsubscribes > 0) {
            this.failUnsubscribes -= 1;
            res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"try later"}');
            return;
          }
          res.writeHead(204).end();
          return;
        }
        res.writeHead(404).end();
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
