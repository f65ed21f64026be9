import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { interceptors, request } from 'undici';
import { EgressDeniedError } from '@patchbay/connector-sdk';
import { EgressGuard } from './egress-guard.js';
import { EgressPolicy } from '@patchbay/egress';

describe('EgressGuard', () => {
  let server: Server;
  let port: number;
  let calls = 0;

  before(async () => {
    server = createServer((req, res) => {
      calls++;
      if (req.url === '/to-denied') res.writeHead(302, { location: `http://127.0.0.2:${port}/ok` }).end();
      else res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('checks the address actually connected to: a name that resolves to loopback is denied', async () => {
    // A rebinding name: public-looking, but its DNS answer is loopback.
    const guard = new EgressGuard(new EgressPolicy([]), 1_000, async () => [
      { address: '127.0.0.1', family: 4 },
    ]);
    await assert.rejects(guard.resolve('default', 'rebind.example', port), (error: unknown) => {
      assert.ok(error instanceof EgressDeniedError);
      assert.equal(error.code, 'EgressDenied');
      assert.equal(error.retryable, false);
      assert.equal(
        error.message,
        `egress to rebind.example (127.0.0.1) port ${port} is denied by rule default-deny-loopback`,
      );
      return true;
    });
    const before = calls;
    const dispatcher = guard.dispatcher('default');
    await assert.rejects(
      request(`http://rebind.example:${port}/`, { dispatcher }),
      (error: unknown) => error instanceof EgressDeniedError && error.rule === 'default-deny-loopback',
    );
    assert.equal(calls, before, 'the server must not have been reached');
    await guard.close();
  });

  it('connects to the checked address when allowed, and checks again after a redirect', async () => {
    const guard = new EgressGuard(
      new EgressPolicy([{ name: 'allow-one-loopback', effect: 'allow', cidrs: ['127.0.0.1/32'] }]),
      1_000,
      async () => [{ address: '127.0.0.1', family: 4 }],
    );
    const ok = await request(`http://service.example:${port}/`, { dispatcher: guard.dispatcher('default') });
    assert.equal(ok.statusCode, 200);
    assert.equal(await ok.body.text(), 'ok');
    const following = guard.dispatcher('default').compose(interceptors.redirect({ maxRedirections: 3 }));
    await assert.rejects(
      request(`http://127.0.0.1:${port}/to-denied`, { dispatcher: following }),
      (error: unknown) =>
        error instanceof EgressDeniedError &&
        error.address === '127.0.0.2' &&
        error.rule === 'default-deny-loopback',
    );
    await guard.close();
  });

  it('picks the first allowed address of several', async () => {
    const guard = new EgressGuard(new EgressPolicy([]), 1_000, async () => [
      { address: '10.0.0.1', family: 4 },
      { address: '93.184.216.34', family: 4 },
    ]);
    assert.deepEqual(await guard.resolve('default', 'mixed.example', 443), {
      host: 'mixed.example',
      address: '93.184.216.34',
      family: 4,
      port: 443,
    });
  });
});
