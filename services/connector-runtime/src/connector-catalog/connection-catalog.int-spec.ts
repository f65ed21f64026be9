import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { ConnectionResolverClient } from '@patchbay/connection-client';
import { startConnectionStore } from '@patchbay/connection-store';
import { resolveInfrastructure, uniqueName, type Infrastructure } from '@patchbay/testkit';
import { startConnectorRuntime } from '../connector-runtime.app.js';
import { freePort, portOf, prepareKafka, testRuntimeConfig } from '../test-support/runtime-harness.js';
import { makeTestCertificates, type TestCertificates } from '../test-support/test-certificates.js';

interface Problem {
  path: string;
  message: string;
  expected?: string;
  found?: string;
}
interface Answer {
  status: number;
  text: string;
  body: {
    error?: { code: string; message: string; problems: Problem[] };
    outcome?: string;
    code?: string | null;
    message?: string | null;
    connectorVersion?: string | null;
    connection?: { status: string; statusReason: string | null };
    status?: string;
    statusReason?: string | null;
    [key: string]: unknown;
  };
}

function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

async function call(method: string, url: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: text === '' ? {} : (JSON.parse(text) as Answer['body']) };
}

/**
 * connection-store and connector-runtime together, in process, on the real Postgres, Vault and Kafka: the
 * catalogue decides what a connection takes, the connection test runs the connector's test in the runtime, and
 * the two new auth types work end to end (client certificate against a mutual-TLS server; workload identity with
 * a credential issued by Vault's database secrets engine for the PostgreSQL connector).
 */
describe('connector catalogue, connection tests and new auth types (connection-store + connector-runtime)', () => {
  let infra: Infrastructure;
  let runtime: NestFastifyApplication;
  let store: NestFastifyApplication;
  let storeUrl: string;
  let runtimeUrl: string;
  let grpcPort: number;
  let admin: pg.Client;
  let dbUrl: URL;
  let certs: TestCertificates;
  let mtls: Server;
  let mtlsUrl: string;
  const seenClients: string[] = [];
  const storeLog = capturingLogger();
  const runtimeLog = capturingLogger();
  const namespace = uniqueName('cat')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
  const vaultMount = `pbdb-${randomUUID().slice(0, 8)}`;
  const vaultRole = 'patchbay-orders';
  const pfxPassword = `pfx-${randomUUID()}`;
  const ns = `?namespace=${namespace}`;

  const vault = async (method: string, path: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${infra.vaultAddr}/v1/${path}`, {
      method,
      headers: { 'X-Vault-Token': infra.vaultToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(response.status < 300, `Vault ${method} ${path}: ${response.status} ${await response.text()}`);
  };

  before(async () => {
    infra = await resolveInfrastructure();
    dbUrl = new URL(infra.databaseUrl);
    admin = new pg.Client({ connectionString: infra.databaseUrl });
    await admin.connect();

    // Vault's database secrets engine, on a mount of this test's own, issuing Postgres users.
    await vault('POST', `sys/mounts/${vaultMount}`, { type: 'database' });
    await vault('POST', `${vaultMount}/config/pg`, {
      plugin_name: 'postgresql-database-plugin',
      connection_url: `postgresql://{{username}}:{{password}}@${dbUrl.hostname}:${dbUrl.port}${dbUrl.pathname}?sslmode=disable`,
      username: decodeURIComponent(dbUrl.username),
      password: decodeURIComponent(dbUrl.password),
      allowed_roles: vaultRole,
    });
    await vault('POST', `${vaultMount}/roles/${vaultRole}`, {
      db_name: 'pg',
      creation_statements: [
        `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`,
      ],
      default_ttl: '10m',
      max_ttl: '20m',
    });

    // A mutual-TLS endpoint that trusts only the test CA and says which client certificate it saw.
    certs = makeTestCertificates(pfxPassword);
    mtls = createServer(
      {
        key: certs.serverKey,
        cert: certs.serverCert,
        ca: certs.caCert,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        seenClients.push(String(peer.subject?.CN));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      },
    );
    await new Promise<void>((resolve) => mtls.listen(0, '127.0.0.1', resolve));
    mtlsUrl = `https://127.0.0.1:${(mtls.address() as AddressInfo).port}/whoami`;

    grpcPort = await freePort();
    const kafka = await prepareKafka(infra);
    runtime = await startConnectorRuntime(
      testRuntimeConfig(infra, { groupId: kafka.groupId, grpcPort }),
      runtimeLog.logger,
    );
    runtimeUrl = `http://127.0.0.1:${portOf(runtime)}`;
    store = await startConnectionStore(
      {
        logLevel: 'debug',
        httpPort: 0,
        grpcPort,
        databaseUrl: infra.databaseUrl,
        vault: {
          address: infra.vaultAddr,
          token: infra.vaultToken,
          requestTimeoutMs: 2_000,
          databaseMount: vaultMount,
        },
        cacheTtlSeconds: 60,
        connectorCatalog: { url: runtimeUrl, timeoutMs: 5_000, cacheTtlMs: 30_000 },
      },
      storeLog.logger,
    );
    storeUrl = `http://127.0.0.1:${portOf(store)}`;
  });

  after(async () => {
    await store?.close();
    await runtime?.close();
    await new Promise((resolve) => mtls?.close(resolve));
    // Disabling the mount revokes every lease: Vault drops the users it created.
    if (infra !== undefined) await vault('DELETE', `sys/mounts/${vaultMount}`);
    await admin?.end();
  });

  const postgresParameters = () => ({
    host: dbUrl.hostname,
    port: Number(dbUrl.port),
    database: dbUrl.pathname.slice(1),
  });
  const create = (body: Record<string, unknown>) => call('POST', `${storeUrl}/api/connections${ns}`, body);
  const test = (name: string) => call('POST', `${storeUrl}/api/connections/${name}/test${ns}`);

  it('serves connection specs of built-in connectors; an unknown one is 404', async () => {
    const spec = await call('GET', `${runtimeUrl}/api/connectors/postgresql/connection`);
    assert.equal(spec.status, 200, spec.text);
    assert.equal(spec.body.connectorId, 'postgresql');
    assert.equal(spec.body.connectionTest, true);
    assert.deepEqual(
      (spec.body.authTypes as { type: string }[]).map((a) => a.type),
      ['basic', 'workloadIdentity'],
    );
    const missing = await call('GET', `${runtimeUrl}/api/connectors/no-such-connector/connection`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error?.code, 'CONNECTOR_NOT_FOUND');
    const badRange = await call('GET', `${runtimeUrl}/api/connectors/http/connection?version=not-a-range`);
    assert.equal(badRange.status, 400);
    assert.equal(badRange.body.error?.problems[0]?.path, 'query.version');
  });

  it('refuses what the connector does not declare, one problem per field', async () => {
    const password = `pw-${randomUUID()}`;
    const answer = await create({
      name: 'pg-bad',
      connectorId: 'postgresql',
      authType: 'basic',
      parameters: { port: '5432', ssl: 'yes', colour: 'red' },
      secrets: { password },
    });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error?.code, 'VALIDATION_FAILED');
    const problems = new Map(answer.body.error.problems.map((p) => [p.path, p]));
    assert.deepEqual([...problems.keys()].sort(), [
      'body.parameters.colour',
      'body.parameters.database',
      'body.parameters.host',
      'body.parameters.port',
      'body.parameters.ssl',
      'body.parameters.user',
    ]);
    assert.match(problems.get('body.parameters.host')!.message, /required by connector 'postgresql'@1\.0\.0/);
    assert.equal(problems.get('body.parameters.port')!.message, 'must be an integer');
    assert.match(problems.get('body.parameters.colour')!.message, /not a connection parameter/);
    assert.ok(!answer.text.includes(password));
    assert.equal((await call('GET', `${storeUrl}/api/connections/pg-bad${ns}`)).status, 404);

    const wrongAuth = await create({
      name: 'pg-apikey',
      connectorId: 'postgresql',
      authType: 'apiKey',
      secrets: { apiKey: 'k' },
    });
    assert.equal(wrongAuth.status, 400);
    assert.deepEqual(
      wrongAuth.body.error?.problems.map((p) => [p.path, p.expected]),
      [['body.authType', "'basic' | 'workloadIdentity'"]],
    );

    const unknown = await create({ name: 'ghost', connectorId: 'no-such-connector', authType: 'none' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error?.code, 'CONNECTOR_NOT_FOUND');
    assert.deepEqual(
      unknown.body.error?.problems.map((p) => p.path),
      ['body.connectorId'],
    );
  });

  it('tests a PostgreSQL connection: Connected when it works, Error with the reason when not', async () => {
    // The local Postgres trusts loopback (any password logs in): the failure is a user that does not exist.
    const password = `pw-${randomUUID()}`;
    const created = await create({
      name: 'pg',
      connectorId: 'postgresql',
      authType: 'basic',
      parameters: { ...postgresParameters(), user: decodeURIComponent(dbUrl.username) },
      secrets: { password },
    });
    assert.equal(created.status, 201, created.text);

    const ok = await test('pg');
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.outcome, 'Succeeded');
    assert.equal(ok.body.connectorVersion, '1.0.0');
    assert.equal(ok.body.connection?.status, 'Connected');

    const patch = (parameters: Record<string, unknown>) =>
      call('PATCH', `${storeUrl}/api/connections/pg${ns}`, {
        parameters: { ...postgresParameters(), ...parameters },
      });
    assert.equal((await patch({ user: `nobody_${randomUUID().slice(0, 8)}` })).status, 200);
    const failed = await test('pg');
    assert.equal(failed.body.outcome, 'Failed');
    assert.equal(failed.body.code, 'ConnectionUnusable');
    assert.equal(failed.body.connection?.status, 'Error');
    assert.match(
      failed.body.connection?.statusReason ?? '',
      /^connection test failed: ConnectionUnusable: PostgreSQL refused the credentials/,
    );
    assert.ok(!failed.text.includes(password) && !ok.text.includes(password));

    assert.equal((await patch({ user: decodeURIComponent(dbUrl.username) })).status, 200);
    const again = await test('pg');
    assert.equal(again.body.outcome, 'Succeeded');
    assert.equal(again.body.connection?.status, 'Connected');
    assert.equal(again.body.connection?.statusReason, null);
  });

  it('says "not tested" for a connection its connector cannot test, and leaves the status alone', async () => {
    assert.equal((await create({ name: 'plain-http', connectorId: 'http', authType: 'none' })).status, 201);
    const answer = await test('plain-http');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.outcome, 'NotTested');
    assert.match(answer.body.message ?? '', /testUrl/);
    assert.equal(answer.body.connection?.status, 'Connected');
    assert.equal((await test('no-such-connection')).status, 404);
  });

  it('uses a client certificate (PKCS#12 or PEM) from Vault against a mutual-TLS endpoint', async () => {
    const bundle = await create({
      name: 'mtls-pfx',
      connectorId: 'http',
      authType: 'clientCertificate',
      parameters: { testUrl: mtlsUrl, caCertificate: certs.caCert },
      secrets: { pfx: certs.clientPfx, password: pfxPassword },
    });
    assert.equal(bundle.status, 201, bundle.text);
    assert.deepEqual(bundle.body.secretKeys, ['password', 'pfx']);
    assert.ok(!bundle.text.includes(pfxPassword));
    seenClients.length = 0;
    const ok = await test('mtls-pfx');
    assert.equal(ok.body.outcome, 'Succeeded', ok.text);
    assert.deepEqual(seenClients, ['patchbay-client']);

    const pem = await create({
      name: 'mtls-pem',
      connectorId: 'http',
      authType: 'clientCertificate',
      parameters: { testUrl: mtlsUrl, caCertificate: certs.caCert, certificate: certs.clientCert },
      secrets: { privateKey: certs.clientKey },
    });
    assert.equal(pem.status, 201, pem.text);
    assert.equal((await test('mtls-pem')).body.outcome, 'Succeeded');

    const wrongPassword = await create({
      name: 'mtls-wrong',
      connectorId: 'http',
      authType: 'clientCertificate',
      parameters: { testUrl: mtlsUrl },
      secrets: { pfx: certs.clientPfx, password: 'not-the-password' },
    });
    assert.equal(wrongPassword.status, 400);
    assert.deepEqual(
      wrongPassword.body.error?.problems.map((p) => [p.path, p.message]),
      [['body.secrets.password', 'does not open the PKCS#12 bundle']],
    );

    // A certificate the endpoint does not trust: the handshake fails and the status says so.
    const stranger = await create({
      name: 'mtls-stranger',
      connectorId: 'http',
      authType: 'clientCertificate',
      parameters: { testUrl: mtlsUrl, caCertificate: certs.caCert },
      secrets: { pfx: certs.strangerPfx, password: pfxPassword },
    });
    assert.equal(stranger.status, 201, stranger.text);
    const refused = await test('mtls-stranger');
    assert.equal(refused.body.outcome, 'Failed');
    assert.equal(refused.body.connection?.status, 'Error');
  });

  it('workload identity: Vault issues a PostgreSQL user at resolve time; nothing is stored', async () => {
    const created = await create({
      name: 'pg-workload',
      connectorId: 'postgresql',
      authType: 'workloadIdentity',
      parameters: { ...postgresParameters(), vaultRole },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.body.secretKeys, []);

    const tested = await test('pg-workload');
    assert.equal(tested.body.outcome, 'Succeeded', tested.text);

    const workflowId = randomUUID();
    assert.equal(
      (await call('POST', `${storeUrl}/api/connections/pg-workload/links${ns}`, { workflowId })).status,
      201,
    );
    const request = {
      connectionName: 'pg-workload',
      workflowId,
      runId: 'r1',
      actionName: 'Query',
      namespace,
    };
    // Two clients, so the second answer comes from the store, not from a client cache.
    const first = new ConnectionResolverClient({ target: `127.0.0.1:${grpcPort}`, timeoutMs: 5_000 });
    const second = new ConnectionResolverClient({ target: `127.0.0.1:${grpcPort}`, timeoutMs: 5_000 });
    try {
      // The runtime (started before the store) left a subchannel in back-off; wait for it to connect.
      await first.waitForReady(5_000);
      const resolved = await first.resolve(request, new Date(Date.now() + 5_000));
      const user = String(resolved.parameters.user);
      // Vault names it after the token and (a prefix of) the role.
      assert.match(user, /^v-token-patchbay-/);
      assert.notEqual(user, decodeURIComponent(dbUrl.username));
      assert.equal(resolved.parameters.vaultRole, undefined);
      assert.equal(resolved.authType, 'workloadIdentity');
      // The issued user really logs in, as itself.
      const issued = new pg.Client({
        host: dbUrl.hostname,
        port: Number(dbUrl.port),
        database: dbUrl.pathname.slice(1),
        user,
        password: resolved.secrets.password,
      });
      await issued.connect();
      const who = await issued.query<{ current_user: string }>('select current_user');
      await issued.end();
      assert.equal(who.rows[0]?.current_user, user);
      // Reused while most of its lease is left.
      const again = await second.resolve(request, new Date(Date.now() + 5_000));
      assert.equal(String(again.parameters.user), user);
    } finally {
      first.close();
      second.close();
    }
    const row = await admin.query<{ parameters: Record<string, unknown>; secret_keys: string[] }>(
      'SELECT parameters, secret_keys FROM connection_store.connections WHERE namespace = $1 AND name = $2',
      [namespace, 'pg-workload'],
    );
    assert.deepEqual(row.rows[0]?.secret_keys, []);
    assert.equal(row.rows[0]?.parameters.user, undefined);

    const badRole = await create({
      name: 'pg-no-role',
      connectorId: 'postgresql',
      authType: 'workloadIdentity',
      parameters: { ...postgresParameters(), vaultRole: 'no-such-role' },
    });
    assert.equal(badRole.status, 201);
    const refused = await test('pg-no-role');
    assert.equal(refused.body.outcome, 'Failed');
    assert.equal(refused.body.code, 'WORKLOAD_CREDENTIAL_REFUSED');
    assert.equal(refused.body.connection?.status, 'Error');
  });

  it('custom connectors: the x-ms-capabilities test operation runs with the key; without one, "no test declared"', async () => {
    const seen: { url: string; key: string | undefined }[] = [];
    const api = createHttpServer((req, res) => {
      seen.push({ url: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
      const ok = req.headers['x-api-key'] === 'right-key';
      res
        .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        .end(ok ? '[]' : '{"error":"bad key"}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const port = (api.address() as AddressInfo).port;
    const definition = (withTest: boolean): Record<string, unknown> => ({
      swagger: '2.0',
      info: { title: 'Queues', version: '1.0' },
      host: `127.0.0.1:${port}`,
      basePath: '/api',
      schemes: ['http'],
      produces: ['application/json'],
      securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
      security: [{ key: [] }],
      ...(withTest ? { 'x-ms-capabilities': { testConnection: { operationId: 'ListQueues' } } } : {}),
      paths: {
        '/queues': {
          get: {
            operationId: 'ListQueues',
            summary: 'List queues',
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
    const tested = `queues-${randomUUID().slice(0, 8)}`;
    const untested = `queues-plain-${randomUUID().slice(0, 8)}`;
    try {
      for (const [id, withTest] of [
        [tested, true],
        [untested, false],
      ] as const) {
        const imported = await call('POST', `${runtimeUrl}/api/connectors`, {
          id,
          definition: definition(withTest),
        });
        assert.equal(imported.status, 201, imported.text);
      }
      const spec = await call('GET', `${runtimeUrl}/api/connectors/${tested}/connection`);
      assert.equal(spec.body.kind, 'custom');
      assert.equal(spec.body.connectionTest, true);

      for (const [name, connectorId, key] of [
        ['custom-good', tested, 'right-key'],
        ['custom-bad', tested, 'wrong-key'],
        ['custom-plain', untested, 'right-key'],
      ] as const) {
        const created = await create({ name, connectorId, authType: 'apiKey', secrets: { apiKey: key } });
        assert.equal(created.status, 201, created.text);
      }
      const good = await test('custom-good');
      assert.equal(good.body.outcome, 'Succeeded', good.text);
      assert.deepEqual(seen.at(-1), { url: '/api/queues', key: 'right-key' });
      const bad = await test('custom-bad');
      assert.equal(bad.body.outcome, 'Failed');
      assert.equal(bad.body.code, 'HttpStatus401');
      assert.equal(bad.body.connection?.status, 'Error');
      const plain = await test('custom-plain');
      assert.equal(plain.body.outcome, 'NotTested');
      assert.match(plain.body.message ?? '', /declares no connection test/);

      const unknownParameter = await create({
        name: 'custom-extra',
        connectorId: tested,
        authType: 'apiKey',
        parameters: { region: 'eu' },
        secrets: { apiKey: 'k' },
      });
      assert.equal(unknownParameter.status, 400);
      assert.deepEqual(
        unknownParameter.body.error?.problems.map((p) => p.path),
        ['body.parameters.region'],
      );
    } finally {
      await new Promise((resolve) => api.close(resolve));
      for (const id of [tested, untested])
        await call('DELETE', `${runtimeUrl}/api/connectors/${id}/versions/1.0.0`);
    }
  });

  it('never logs a secret of these connections', () => {
    const logs = [...storeLog.lines, ...runtimeLog.lines].join('\n');
    for (const secret of [pfxPassword, certs.clientKey.split('\n')[1]!, certs.clientPfx.slice(0, 64)])
      assert.ok(!logs.includes(secret), 'a secret reached a log');
  });

  it('answers 503 (retryable) and creates nothing when the catalogue cannot be reached', async () => {
    const closedPort = await freePort();
    const isolated = await startConnectionStore(
      {
        logLevel: 'warn',
        httpPort: 0,
        grpcPort: await freePort(),
        databaseUrl: infra.databaseUrl,
        vault: { address: infra.vaultAddr, token: infra.vaultToken, requestTimeoutMs: 2_000 },
        cacheTtlSeconds: 60,
        connectorCatalog: { url: `http://127.0.0.1:${closedPort}`, timeoutMs: 2_000, cacheTtlMs: 30_000 },
      },
      pino({ level: 'silent' }),
    );
    try {
      const url = `http://127.0.0.1:${portOf(isolated)}`;
      const answer = await call('POST', `${url}/api/connections${ns}`, {
        name: 'while-down',
        connectorId: 'http',
        authType: 'none',
      });
      assert.equal(answer.status, 503, answer.text);
      assert.equal(answer.body.error?.code, 'CONNECTOR_CATALOG_UNAVAILABLE');
      assert.match(answer.body.error?.message ?? '', /cannot be reached \(ECONNREFUSED\); try again/);
      assert.equal((await call('GET', `${url}/api/connections/while-down${ns}`)).status, 404);
      // Metadata changes do not need the catalogue.
      const renamed = await call('PATCH', `${url}/api/connections/pg${ns}`, { displayName: 'Orders DB' });
      assert.equal(renamed.status, 200, renamed.text);
    } finally {
      await isolated.close();
    }
  });
});
