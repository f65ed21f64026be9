import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The local HTTP target both systems call: answers 200 with the JSON body it received. */
export interface EchoServer {
  url: string;
  /** Requests answered so far. */
  readonly calls: number;
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  let calls = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls += 1;
      const body = Buffer.concat(chunks);
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': body.length === 0 ? 2 : body.length,
      });
      response.end(body.length === 0 ? '{}' : body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get calls() {
      return calls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
