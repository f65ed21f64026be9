import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino, type Logger } from 'pino';
import { freePort, type Infrastructure } from '@patchbay/testkit';
import {
  CONNECTION_STORE_PACKAGE,
  CONNECTION_STORE_PROTO,
  CONNECTION_STORE_SERVICE,
  type ResolveConnectionRequest,
  type ResolvedConnection,
} from '@patchbay/contracts';
import type { ConnectionStoreConfig } from '../config/connection-store.config.js';
import { startConnectionStore } from '../connection-store.app.js';

/** A port free right now on loopback (gRPC needs one chosen up front). */
export { freePort };

/** A logger that keeps every line, so tests can check what was (not) logged. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'trace', base: { service: 'connection-store' } }, sink), lines };
}

export interface RunningStore {
  app: NestFastifyApplication;
  baseUrl: string;
  grpcTarget: string;
  lines: string[];
}

export interface StoreOptions {
  databaseUrl: string;
  vaultAddr: string;
  vaultToken: string;
  /** Settings beyond the defaults of the tests (OAuth, Kafka). */
  config?: Partial<ConnectionStoreConfig>;
}

/** Starts a real connection-store in this process against the given Postgres and Vault. */
export async function startStore(options: StoreOptions): Promise<RunningStore> {
  const grpcPort = await freePort();
  const { logger, lines } = capturingLogger();
  const config: ConnectionStoreConfig = {
    logLevel: 'trace',
    httpPort: 0,
    grpcPort,
    databaseUrl: options.databaseUrl,
    vault: { address: options.vaultAddr, token: options.vaultToken, requestTimeoutMs: 2_000 },
    cacheTtlSeconds: 30,
    ...options.config,
  };
  const app = await startConnectionStore(config, logger);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, grpcTarget: `127.0.0.1:${grpcPort}`, lines };
}

/** A plain gRPC client of ConnectionStore.ResolveConnection, as connector-runtime would call it. */
export function resolveClient(target: string): {
  resolve(request: ResolveConnectionRequest): Promise<ResolvedConnection>;
  close(): void;
} {
  const definition = protoLoader.loadSync(CONNECTION_STORE_PROTO, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
  });
  const method = (
    definition[`${CONNECTION_STORE_PACKAGE}.${CONNECTION_STORE_SERVICE}`] as grpc.ServiceDefinition
  ).ResolveConnection as grpc.MethodDefinition<ResolveConnectionRequest, ResolvedConnection>;
  const client = new grpc.Client(target, grpc.credentials.createInsecure());
  return {
    resolve: (request) =>
      new Promise((resolve, reject) => {
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          new grpc.Metadata(),
          { deadline: Date.now() + 10_000 },
          (error, response) =>
            error || response === undefined
              ? reject(error ?? new TypeError('no response'))
              : resolve(response),
        );
      }),
    close: () => client.close(),
  };
}

/** Calls any ConnectionStore method by name (admin API tests). */
export function storeClient(target: string): {
  call<T = Json>(method: string, request: object): Promise<T>;
  close(): void;
} {
  const definition = protoLoader.loadSync(CONNECTION_STORE_PROTO, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
  });
  const service = definition[
    `${CONNECTION_STORE_PACKAGE}.${CONNECTION_STORE_SERVICE}`
  ] as grpc.ServiceDefinition;
  const client = new grpc.Client(target, grpc.credentials.createInsecure());
  return {
    call: <T>(name: string, request: object) =>
      new Promise<T>((resolve, reject) => {
        const method = service[name] as grpc.MethodDefinition<object, T>;
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          new grpc.Metadata(),
          { deadline: Date.now() + 10_000 },
          (error, response) =>
            error || response === undefined
              ? reject(error ?? new TypeError('no response'))
              : resolve(response),
        );
      }),
    close: () => client.close(),
  };
}

export interface Json {
  [key: string]: unknown;
}

export async function http(
  store: RunningStore,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${store.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

/** Reads a connection's secrets straight from Vault (latest version, or `version`), as an operator would. */
export async function vaultRead(
  infra: Pick<Infrastructure, 'vaultAddr' | 'vaultToken'>,
  connectionId: string,
  version?: number,
): Promise<{ status: number; data?: Record<string, string> }> {
  const query = version === undefined ? '' : `?version=${version}`;
  const response = await fetch(
    `${infra.vaultAddr}/v1/secret/data/patchbay/connections/${connectionId}${query}`,
    { headers: { 'X-Vault-Token': infra.vaultToken } },
  );
  if (response.status !== 200) return { status: response.status };
  const body = (await response.json()) as { data: { data: Record<string, string> | null } };
  // A destroyed or deleted version answers 200 or 404 depending on the Vault version, with no data.
  return body.data.data === null ? { status: 404 } : { status: 200, data: body.data.data };
}

/** The KV v2 metadata of a connection's path: newest version number and which versions hold live data. */
export async function vaultVersions(
  infra: Pick<Infrastructure, 'vaultAddr' | 'vaultToken'>,
  connectionId: string,
): Promise<{ current: number; live: number[] }> {
  const response = await fetch(`${infra.vaultAddr}/v1/secret/metadata/patchbay/connections/${connectionId}`, {
    headers: { 'X-Vault-Token': infra.vaultToken },
  });
  if (response.status === 404) return { current: 0, live: [] };
  assert.equal(response.status, 200, 'Vault metadata read');
  const body = (await response.json()) as {
    data: {
      current_version: number;
      versions: Record<string, { destroyed: boolean; deletion_time: string }>;
    };
  };
  const live = Object.entries(body.data.versions)
    .filter(([, v]) => !v.destroyed && v.deletion_time === '')
    .map(([n]) => Number(n))
    .sort((a, b) => a - b);
  return { current: body.data.current_version, live };
}

export function grpcError(error: unknown): grpc.ServiceError {
  assert.ok(
    typeof error === 'object' && error !== null && 'code' in error,
    `expected a gRPC error, got ${String(error)}`,
  );
  return error as grpc.ServiceError;
}
