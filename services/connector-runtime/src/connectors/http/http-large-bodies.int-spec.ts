import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { ConnectorRegistry, requireAction } from '@patchbay/connector-sdk';
import { listenOnLoopback } from '@patchbay/testkit';
import { operationContext, runAction, testGuard } from '../../test-support/operation-harness.js';
import { HttpConnector } from './http.connector.js';

const CAP = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * The Http action against a real HTTP server on loopback: bodies streamed in chunks without Content-Length up
 * to and past the response cap, a 50 MB body announced by Content-Length, and paged `value` + `nextLink` lists.
 */
describe('Http action: large bodies and pagination against a local HTTP server', () => {
  let server: Server;
  let base: string;
  let closeServer: () => Promise<void>;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const guard = testGuard();
  const http = new HttpConnector({ timeoutMs: 20_000, maxResponseBytes: CAP, maxPages: 4 });
  const action = requireAction(new ConnectorRegistry().register(http.declaration()), 'request');

  /** Writes `size` bytes of 'a' in chunks, never saying how many. */
  function stream(res: import('node:http').ServerResponse, size: number): void {
    res.writeHead(200, { 'content-type': 'text/plain' });
    let left = size;
    const more = (): void => {
      while (left > 0) {
        const n = Math.min(CHUNK, left);
        left -= n;
        if (!res.write('a'.repeat(n))) {
          res.once('drain', more);
          return;
        }
      }
      res.end();
    };
    more();
  }

  before(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/exactly-cap') stream(res, CAP);
      else if (url.pathname === '/cap-plus-one') stream(res, CAP + 1);
      else if (url.pathname === '/fifty-mb') {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': 50 * 1024 * 1024,
        });
        res.write(Buffer.alloc(CHUNK)); // the rest never comes: the client must not wait for it
      } else if (url.pathname === '/pages') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const last = Number(url.searchParams.get('last') ?? '3');
        const size = Number(url.searchParams.get('pad') ?? '0');
        const value = [1, 2].map((i) => ({ id: `${page}.${i}`, pad: 'p'.repeat(size) }));
        const next = page < last ? `/pages?page=${page + 1}&last=${last}&pad=${size}` : undefined;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ value, ...(next === undefined ? {} : { nextLink: next }) }));
      } else if (url.pathname === '/loop') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[1],"nextLink":"/loop"}');
      } else res.writeHead(404).end();
    });
    ({ url: base, close: closeServer } = await listenOnLoopback(server));
  });

  after(async () => {
    await closeServer();
    await guard.close();
  });

  function run(inputs: unknown, pagination?: { minimumItemCount: number }) {
    const context = operationContext(guard, { budgetMs: 20_000 });
    if (pagination !== undefined) context.pagination = pagination;
    return runAction(action, inputs, context);
  }

  it('keeps a streamed body of exactly the cap', async () => {
    const outcome = await run({ method: 'GET', uri: `${base}/exactly-cap` });
    assert.equal(outcome.status, 'Succeeded', JSON.stringify(outcome.error));
    assert.equal((outcome.outputs as { body: string }).body.length, CAP);
  });

  it('fails one byte more, naming the cap and the setting', async () => {
    const outcome = await run({ method: 'GET', uri: `${base}/cap-plus-one` });
    assert.equal(outcome.error?.code, 'ResponseTooLarge');
    assert.equal(outcome.error?.retryable, false);
    assert.match(outcome.error?.message ?? '', /was cut off after \d+ bytes, more than the 1048576 bytes/);
    assert.match(outcome.error?.message ?? '', /PATCHBAY_HTTP_MAX_RESPONSE_BYTES/);
  });

  it('fails a 50 MB body from its Content-Length, without reading it', async () => {
    const outcome = await run({ method: 'GET', uri: `${base}/fifty-mb` });
    assert.equal(outcome.error?.code, 'ResponseTooLarge');
    assert.match(outcome.error?.message ?? '', /announces 52428800 bytes, more than the 1048576 bytes/);
  });

  it('answers one page without a pagination policy', async () => {
    const outcome = await run({ method: 'GET', uri: `${base}/pages` });
    const body = (outcome.outputs as { body: { value: unknown[]; nextLink?: string } }).body;
    assert.equal(body.value.length, 2);
    assert.equal(body.nextLink, '/pages?page=2&last=3&pad=0');
  });

  it('follows nextLink with GET and the same headers until minimumItemCount', async () => {
    seen.length = 0;
    const outcome = await run(
      { method: 'GET', uri: `${base}/pages`, headers: { 'X-Key': 'k1' } },
      { minimumItemCount: 3 },
    );
    const body = (outcome.outputs as { body: { value: { id: string }[]; nextLink?: string } }).body;
    assert.deepEqual(
      body.value.map((v) => v.id),
      ['1.1', '1.2', '2.1', '2.2'],
    );
    assert.equal(body.nextLink, `${base}/pages?page=3&last=3&pad=0`);
    assert.deepEqual(
      seen.map((s) => s.headers['x-key']),
      ['k1', 'k1'],
    );
    const all = await run({ method: 'GET', uri: `${base}/pages` }, { minimumItemCount: 100 });
    const every = (all.outputs as { body: { value: unknown[]; nextLink?: string } }).body;
    assert.equal(every.value.length, 6);
    assert.equal(every.nextLink, undefined);
  });

  it('bounds pagination: pages, loops, and all pages together within the cap', async () => {
    const many = await run({ method: 'GET', uri: `${base}/pages?last=10` }, { minimumItemCount: 100 });
    assert.equal(many.error?.code, 'PaginationFailed');
    assert.match(many.error?.message ?? '', /8 items after 4 pages/);
    const loop = await run({ method: 'GET', uri: `${base}/loop` }, { minimumItemCount: 100 });
    assert.equal(loop.error?.code, 'PaginationFailed');
    assert.match(loop.error?.message ?? '', /already followed/);
    // Each page is about 0.4 MB: one fits, three do not.
    const pad = 200 * 1024;
    const one = await run({ method: 'GET', uri: `${base}/pages?pad=${pad}` });
    assert.equal(one.status, 'Succeeded');
    const big = await run({ method: 'GET', uri: `${base}/pages?pad=${pad}` }, { minimumItemCount: 100 });
    assert.equal(big.error?.code, 'ResponseTooLarge');
    assert.match(big.error?.message ?? '', /all pages together/);
  });
});
