import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ConnectorRegistry, requireAction } from '@patchbay/connector-sdk';
import { listenOnLoopback } from '@patchbay/testkit';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import {
  operationContext,
  runAction,
  testGuard,
  type HarnessOptions,
} from '../../test-support/operation-harness.js';
import { HttpConnector } from './http.connector.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const http = new HttpConnector({ timeoutMs: 10_000, maxResponseBytes: 64 * 1024 });
const action = requireAction(new ConnectorRegistry().register(http.declaration()), 'request');

describe('HttpConnector against a local server', () => {
  let server: Server;
  let base: string;
  let closeServer: () => Promise<void>;
  const seen: Seen[] = [];
  let asyncPolls = 0;
  let throttledCalls = 0;
  const guard = testGuard();
  const connector = {
    execute: ({ inputs, options }: { inputs: unknown; options: HarnessOptions }) =>
      runAction(action, inputs, operationContext(guard, options)),
  };

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path === '/json') {
          res
            .writeHead(200, { 'content-type': 'application/json', 'x-trace': 'abc' })
            .end('{"ok":true,"items":[1,2]}');
        } else if (path === '/fail') {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
        } else if (path === '/missing') {
          res.writeHead(404).end();
        } else if (path === '/moved') {
          res.writeHead(302, { location: '/json' }).end();
        } else if (path === '/big') {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(100 * 1024));
        } else if (path === '/async') {
          res.writeHead(202, { location: '/async/status', 'retry-after': '0' }).end();
        } else if (path === '/async/status') {
          asyncPolls++;
          if (asyncPolls < 2) res.writeHead(202, { location: '/async/status', 'retry-after': '0' }).end();
          else res.writeHead(200, { 'content-type': 'application/json' }).end('{"done":true}');
        } else if (path === '/throttled') {
          throttledCalls++;
          if (throttledCalls === 1) res.writeHead(429, { 'retry-after': '0' }).end();
          else res.writeHead(200, { 'content-type': 'text/plain' }).end('finally');
        } else if (path === '/throttled-long') {
          res.writeHead(429, { 'retry-after': '3600' }).end();
        } else if (path === '/hang') {
          // never answers: the attempt's budget must end it
        } else {
          res.writeHead(204).end();
        }
      });
    });
    ({ url: base, close: closeServer } = await listenOnLoopback(server));
  });

  after(async () => {
    await closeServer();
    await guard.close();
  });

  function context(
    inputs: unknown,
    extra: Omit<HarnessOptions, 'credentialsRejected'> & { connectionRejected?: () => void } = {},
  ): { inputs: unknown; options: HarnessOptions } {
    const { connectionRejected, ...options } = extra;
    return {
      inputs,
      options:
        connectionRejected === undefined ? options : { ...options, credentialsRejected: connectionRejected },
    };
  }

  it('returns statusCode, headers and the parsed JSON body', async () => {
    const outcome = await connector.execute(
      context({ method: 'GET', uri: `${base}/json`, queries: { q: 'a b' } }),
    );
    assert.equal(outcome.status, 'Succeeded');
    const outputs = outcome.outputs as { statusCode: number; headers: Record<string, string>; body: unknown };
    assert.equal(outputs.statusCode, 200);
    assert.equal(outputs.headers['x-trace'], 'abc');
    assert.deepEqual(outputs.body, { ok: true, items: [1, 2] });
    assert.equal(seen.at(-1)!.url, '/json?q=a+b');
    assert.equal(seen.at(-1)!.headers['idempotency-key'], 'run/Call/0');
  });

  it('sends objects as JSON and strings as they are', async () => {
    await connector.execute(context({ method: 'POST', uri: `${base}/echo`, body: { n: 1 } }));
    assert.equal(seen.at(-1)!.body, '{"n":1}');
    assert.equal(seen.at(-1)!.headers['content-type'], 'application/json');
    await connector.execute(
      context({
        method: 'PUT',
        uri: `${base}/echo`,
        body: 'a=1',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    );
    assert.equal(seen.at(-1)!.body, 'a=1');
    assert.equal(seen.at(-1)!.headers['content-type'], 'application/x-www-form-urlencoded');
  });

  it('fails a 500 as retryable and keeps the outputs', async () => {
    const outcome = await connector.execute(context({ method: 'GET', uri: `${base}/fail` }));
    assert.equal(outcome.status, 'Failed');
    assert.deepEqual(outcome.error, {
      code: 'HttpStatus500',
      message: `GET ${base}/fail answered 500`,
      retryable: true,
    });
    assert.deepEqual((outcome.outputs as { body: unknown }).body, 'boom');
  });

  it('fails a 404 as not retryable', async () => {
    const outcome = await connector.execute(context({ method: 'GET', uri: `${base}/missing` }));
    assert.equal(outcome.error?.code, 'HttpStatus404');
    assert.equal(outcome.error?.retryable, false);
    assert.equal((outcome.outputs as { statusCode: number }).statusCode, 404);
  });

  it('with followRedirects: false, does not follow redirects and counts 3xx as success', async () => {
    const outcome = await connector.execute(
      context({ method: 'GET', uri: `${base}/moved`, followRedirects: false }),
    );
    assert.equal(outcome.status, 'Succeeded');
    assert.equal((outcome.outputs as { statusCode: number }).statusCode, 302);
  });

  it('follows redirects by default', async () => {
    const outcome = await connector.execute(context({ method: 'GET', uri: `${base}/moved` }));
    assert.equal(outcome.status, 'Succeeded');
    assert.deepEqual((outcome.outputs as { body: unknown }).body, { ok: true, items: [1, 2] });
  });

  it('polls a 202 + Location (the asynchronous pattern) until the operation is done', async () => {
    const outcome = await connector.execute(
      context({ method: 'POST', uri: `${base}/async`, body: { job: 1 } }),
    );
    assert.equal(outcome.status, 'Succeeded');
    assert.equal((outcome.outputs as { statusCode: number }).statusCode, 200);
    assert.deepEqual((outcome.outputs as { body: unknown }).body, { done: true });
    assert.equal(asyncPolls, 2);
    assert.equal(seen.at(-1)!.method, 'GET');
  });

  it('waits out a 429 whose Retry-After fits the attempt, and fails retryable when it does not', async () => {
    const retried = await connector.execute(context({ method: 'GET', uri: `${base}/throttled` }));
    assert.equal(retried.status, 'Succeeded');
    assert.equal((retried.outputs as { body: unknown }).body, 'finally');
    assert.equal(throttledCalls, 2);
    const tooLong = await connector.execute(context({ method: 'GET', uri: `${base}/throttled-long` }));
    assert.equal(tooLong.error?.code, 'HttpStatus429');
    assert.equal(tooLong.error.retryable, true);
    assert.match(tooLong.error.message, /Retry-After 3600 s/);
  });

  it('egress denies loopback unless allowed, naming the rule, before anything is sent', async () => {
    const strict = testGuard([]);
    const before = seen.length;
    const outcome = await runAction(action, { method: 'GET', uri: `${base}/json` }, operationContext(strict));
    await strict.close();
    assert.equal(outcome.error?.code, 'EgressDenied');
    assert.equal(outcome.error.retryable, false);
    assert.match(
      outcome.error.message,
      /^egress to 127\.0\.0\.1 \(127\.0\.0\.1\) port \d+ is denied by rule default-deny-loopback$/,
    );
    assert.equal(seen.length, before);
  });

  it('times out when the budget runs out', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    const outcome = await connector.execute(
      context({ method: 'GET', uri: `${base}/hang` }, { signal: controller.signal, budgetMs: 200 }),
    );
    clearTimeout(timer);
    assert.equal(outcome.status, 'TimedOut');
    assert.equal(outcome.error?.code, 'ActionTimedOut');
    assert.equal(outcome.error?.retryable, true);
    assert.match(outcome.error.message, new RegExp(`^GET ${base}/hang did not answer within \\d+ ms$`));
  });

  it('fails a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await connector.execute(context({ method: 'GET', uri: `http://127.0.0.1:${port}/` }));
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.error?.code, 'HttpRequestFailed');
    assert.equal(outcome.error?.retryable, true);
  });

  it('refuses a response larger than the limit', async () => {
    const outcome = await connector.execute(context({ method: 'GET', uri: `${base}/big` }));
    assert.equal(outcome.error?.code, 'ResponseTooLarge');
  });

  it('applies a connection and never returns its secret', async () => {
    const secret = `key-${randomUUID()}`;
    const connection: ResolvedConnectionData = {
      connectionId: 'c1',
      connectionName: 'crm',
      connectorId: 'http',
      authType: 'apiKey',
      parameters: { queryName: 'api_key' },
      secrets: { apiKey: secret },
    };
    let rejected = 0;
    const outcome = await connector.execute(
      context(
        { method: 'GET', uri: `${base}/missing` },
        { connection, connectionRejected: () => rejected++ },
      ),
    );
    assert.equal(seen.at(-1)!.url, `/missing?api_key=${secret}`);
    assert.equal(outcome.error?.code, 'HttpStatus404');
    assert.ok(!JSON.stringify(outcome).includes(secret));
    assert.equal(rejected, 0);
  });

  it('rejects invalid inputs with a typed, non-retryable error', async () => {
    const outcome = await connector.execute(context({ method: 'GET' }));
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.error?.code, 'InvalidActionInputs');
    assert.equal(outcome.error?.retryable, false);
  });
});
