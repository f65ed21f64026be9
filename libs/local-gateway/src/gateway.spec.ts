import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { appendForwardedFor, startGateway } from './gateway.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP server standing for one service: it answers with what it received. */
async function echoServer(name: string): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      res.writeHead(name === 'b' ? 202 : 200, { 'content-type': 'application/json', 'x-served-by': name });
      res.end(JSON.stringify({ name, method: entry.method, url: entry.url, bytes: entry.body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

let a: Awaited<ReturnType<typeof echoServer>>;
let b: Awaited<ReturnType<typeof echoServer>>;
let gateway: FastifyInstance;
let base: string;

before(async () => {
  a = await echoServer('a');
  b = await echoServer('b');
  gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    routes: [
      { prefix: '/api/things', service: 'a', upstream: a.url },
      { prefix: '/api/hooks', service: 'b', upstream: b.url },
      { prefix: '/api/down', service: 'down', upstream: 'http://127.0.0.1:1' },
    ],
  });
  base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
});

after(async () => {
  await gateway.close();
  a.server.close();
  b.server.close();
});

/** One call from a chosen local address (Linux routes all of 127.0.0.0/8 to loopback). */
function call(
  path: string,
  options: { method?: string; body?: string; from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: options.method ?? 'GET', localAddress: options.from, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test('appendForwardedFor adds the peer after the hops a caller sent', () => {
  assert.equal(appendForwardedFor(undefined, '127.0.0.2'), '127.0.0.2');
  assert.equal(appendForwardedFor('10.0.0.1', '::ffff:127.0.0.2'), '10.0.0.1, 127.0.0.2');
  assert.equal(appendForwardedFor(['10.0.0.1', '10.0.0.3'], '127.0.0.2'), '10.0.0.1, 10.0.0.3, 127.0.0.2');
});

test('each prefix goes to its service with path, query, method, body and status intact', async () => {
  const got = await call('/api/things/x/y?top=3&a=b', {
    method: 'PUT',
    body: '{"k":"v"}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(got.status, 200);
  assert.equal(got.headers['x-served-by'], 'a');
  assert.deepEqual(JSON.parse(got.body), {
    name: 'a',
    method: 'PUT',
    url: '/api/things/x/y?top=3&a=b',
    bytes: 9,
  });
  const hook = await call('/api/hooks/w/triggers/manual/invoke?sig=s', {
    method: 'POST',
    body: 'plain text',
    headers: { 'content-type': 'text/plain' },
  });
  assert.equal(hook.status, 202);
  assert.equal(hook.headers['x-served-by'], 'b');
  assert.equal(b.seen.at(-1)!.body, 'plain text');
});

test('the caller address reaches the service in X-Forwarded-For, after any hops the caller sent', async () => {
  await call('/api/hooks/w', { from: '127.0.0.2', method: 'POST', body: '{}' });
  assert.equal(b.seen.at(-1)!.headers['x-forwarded-for'], '127.0.0.2');
  await call('/api/hooks/w', { from: '127.0.0.3', headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(b.seen.at(-1)!.headers['x-forwarded-for'], '203.0.113.9, 127.0.0.3');
});

test('a large body streams through whole', async () => {
  const body = 'x'.repeat(3 * 1024 * 1024);
  const got = await call('/api/things/big', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  assert.equal((JSON.parse(got.body) as { bytes: number }).bytes, body.length);
});

test('unknown prefixes get 404; a service that does not answer gets 502 in the platform error shape', async () => {
  assert.equal((await call('/api/nothing')).status, 404);
  assert.equal((await call('/api/thingsX')).status, 404);
  const down = await call('/api/down/x');
  assert.equal(down.status, 502);
  assert.equal((JSON.parse(down.body) as { error: { code: string } }).error.code, 'UPSTREAM_UNAVAILABLE');
});

test('the gateway answers /healthz itself', async () => {
  const got = await call('/healthz');
  assert.equal(got.status, 200);
  assert.deepEqual(JSON.parse(got.body), { status: 'ok' });
});
