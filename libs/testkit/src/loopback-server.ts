import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test server listening on a port the OS chose on 127.0.0.1. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Drops open connections (keep-alive ones too) and stops listening. */
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 (any free port) and answers its base URL and a close that does not hang. */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
