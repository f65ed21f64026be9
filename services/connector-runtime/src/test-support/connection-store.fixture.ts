import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino, type Logger } from 'pino';
import { startConnectionStore } from '@patchbay/connection-store';
import { freePort, type Infrastructure } from '@patchbay/testkit';
import { portOf } from './runtime-harness.js';

/** A real connection-store in this process (Postgres, Vault), reached over HTTP and gRPC. */
export interface TestConnectionStore {
  app: NestFastifyApplication;
  url: string;
  grpcPort: number;
  /** Creates a connection (the body of POST /api/connections) and links it to `workflowId`; asserts both. */
  createLinked(connection: Record<string, unknown> & { name: string }, workflowId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTestConnectionStore(
  infra: Infrastructure,
  logging: { logLevel: string; logger: Logger } = { logLevel: 'warn', logger: pino({ level: 'silent' }) },
): Promise<TestConnectionStore> {
  const grpcPort = await freePort();
  const app = await startConnectionStore(
    {
      logLevel: logging.logLevel,
      httpPort: 0,
      grpcPort,
      databaseUrl: infra.databaseUrl,
      vault: { address: infra.vaultAddr, token: infra.vaultToken, requestTimeoutMs: 2_000 },
      cacheTtlSeconds: 30,
    },
    logging.logger,
  );
  const url = `http://127.0.0.1:${portOf(app)}`;
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    app,
    url,
    grpcPort,
    async createLinked(connection, workflowId) {
      const created = await post('/api/connections', connection);
      assert.equal(created.status, 201, await created.text());
      const linked = await post(`/api/connections/${connection.name}/links`, { workflowId });
      assert.equal(linked.status, 201);
    },
    close: () => app.close(),
  };
}
