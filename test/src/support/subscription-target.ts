import { createServer, type Server } from 'node:http';
import { listenOnLoopback } from '@patchbay/testkit';

/** One call the subscription target received. */
export interface SubscriptionCall {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * A local service that webhook actions subscribe to: `POST /subscribe` records the body (which carries the
 * callback URL) and answers 201 with a Location; `POST /unsubscribe` records the body. It never calls back by
 * itself: the test calls the recorded callback URL when it chooses to.
 */
export interface SubscriptionTarget {
  url: string;
  subscribes: SubscriptionCall[];
  unsubscribes: SubscriptionCall[];
  close(): Promise<void>;
}

export async function startSubscriptionTarget(): Promise<SubscriptionTarget> {
  const target: SubscriptionTarget = { url: '', subscribes: [], unsubscribes: [], close: async () => {} };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      const text = Buffer.concat(chunks).toString('utf8');
      const call: SubscriptionCall = {
        path,
        headers: request.headers,
        body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
      };
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && path === '/subscribe') {
        target.subscribes.push(call);
        response.statusCode = 201;
        response.setHeader('location', `${target.url}/subscriptions/${target.subscribes.length}`);
        response.end(JSON.stringify({ id: target.subscribes.length }));
      } else if (request.method === 'POST' && path === '/unsubscribe') {
        target.unsubscribes.push(call);
        response.end('{}');
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ error: `no route ${request.method ?? ''} ${path}` }));
      }
    });
  });
  ({ url: target.url, close: target.close } = await listenOnLoopback(server));
  return target;
}
