import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { listenOnLoopback } from './loopback-server.js';

describe('listenOnLoopback', () => {
  it('serves on 127.0.0.1 at the URL it answers, and closes with a keep-alive connection open', async () => {
    const server = createServer((_request, response) => response.end('hello'));
    const { url, close } = await listenOnLoopback(server);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(url, { headers: { connection: 'keep-alive' } });
    assert.equal(await response.text(), 'hello');
    await close();
    assert.equal(server.listening, false);
    await assert.rejects(fetch(url));
  });
});
