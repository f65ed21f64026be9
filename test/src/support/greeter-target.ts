import { createServer, type Server } from 'node:http';
import { listenOnLoopback } from '@patchbay/testkit';

/** A local API that greets callers holding its key, and counts calls per Idempotency-Key. */
export interface GreeterTarget {
  url: string;
  /** Calls that carried the right key. */
  accepted: number;
  /** Calls refused for a missing or wrong key. */
  refused: number;
  /** Every header set it received (to check what connector-runtime sends). */
  seenHeaders: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

export async function startGreeterTarget(apiKey: string): Promise<GreeterTarget> {
  const target: GreeterTarget = { url: '', accepted: 0, refused: 0, seenHeaders: [], close: async () => {} };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      target.seenHeaders.push(request.headers);
      response.setHeader('content-type', 'application/json');
      if (request.headers['x-api-key'] !== apiKey) {
        target.refused += 1;
        response.statusCode = 401;
        response.end(JSON.stringify({ error: 'missing or wrong x-api-key' }));
        return;
      }
      target.accepted += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { name?: unknown };
      const name = typeof body.name === 'string' ? body.name : 'world';
      response.end(JSON.stringify({ greeting: `Hello, ${name}!` }));
    });
  });
  server.keepAliveTimeout = 65_000;
  ({ url: target.url, close: target.close } = await listenOnLoopback(server));
  return target;
}
