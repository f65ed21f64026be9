import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ConnectorError,
  ConnectorRegistry,
  InvalidInputsError,
  RegisteredPushTrigger,
  requireAction,
  requireTrigger,
  type OperationContext,
  type RegisteredConnector,
} from '@patchbay/connector-sdk';
import { Agent } from 'undici';
import { importConnector } from '../import/connector-importer.js';
import { ticketsSwagger } from '../test-support/fixtures.js';
import { toConnectorDeclaration } from './connector-declaration.js';

interface Seen {
  method: string;
  url: string;
  apiKey: string | undefined;
  body: string;
}

let server: Server;
let seen: Seen[] = [];
let answers: { status: number; headers?: Record<string, string>; body?: string }[] = [];
let registered: RegisteredConnector;
let rejectedCredentials = 0;
const agent = new Agent();

const context: OperationContext = {
  connection: {
    connectionId: 'c1',
    connectionName: 'tickets',
    connectorId: 'ticket-desk',
    authType: 'apiKey',
    parameters: {},
    secrets: { api_key: 'key-1' },
  },
  idempotencyKey: 'run-1/action-1/0',
  signal: new AbortController().signal,
  deadline: Date.now() + 60_000,
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  network: {
    resolve: () => Promise.reject(new Error('not used')),
    httpDispatcher: () => agent,
  },
  credentialsRejected() {
    rejectedCredentials += 1;
  },
};

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        apiKey: req.headers['x-api-key'] as string | undefined,
        body: Buffer.concat(chunks).toString(),
      });
      const next = answers.shift() ?? { status: 200 };
      res
        .writeHead(next.status, { 'content-type': 'application/json', ...(next.headers ?? {}) })
        .end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const connector = await importConnector({
    definition: { ...ticketsSwagger(), host: `127.0.0.1:${port}`, schemes: ['http'] },
  });
  registered = new ConnectorRegistry().register(toConnectorDeclaration(connector));
});
after(async () => {
  server.close();
  await agent.close();
});
beforeEach(() => {
  seen = [];
  answers = [];
  rejectedCredentials = 0;
});

describe('toConnectorDeclaration', () => {
  it('declares actions, triggers, auth types and connection parameters the registry accepts', () => {
    assert.equal(registered.version, '1.2.0');
    assert.equal(registered.declaration.kind, 'custom');
    assert.deepEqual(registered.actionIds().sort(), [
      'AttachFile',
      'CloseTicket',
      'CreateTicket',
      'ListQueues',
      'ListTickets',
      'UploadContent',
    ]);
    assert.equal(requireTrigger(registered, 'OnNewTickets').declaration.kind, 'pollingTrigger');
    assert.equal(requireTrigger(registered, 'OnTicketEvent').declaration.kind, 'pushTrigger');
    assert.deepEqual(registered.declaration.authTypes, [{ type: 'apiKey', in: 'header', name: 'X-Api-Key' }]);
    assert.deepEqual(registered.declaration.connectionParameters, [
      {
        name: 'api_key',
        type: 'string',
        secret: true,
        required: true,
        displayName: 'X-Api-Key',
        forAuthTypes: ['apiKey'],
      },
    ]);
  });

  it('executes an action through the context dispatcher and returns status, headers and body', async () => {
    answers = [{ status: 201, body: '{"id":5,"title":"t"}' }];
    const result = await requireAction(registered, 'CreateTicket').execute(context, {
      pathParameters: { queue: 'q1' },
      body: { title: 't' },
    });
    assert.equal(seen[0]?.url, '/api/queues/q1/tickets');
    assert.equal(seen[0]?.apiKey, 'key-1');
    assert.equal(result.statusCode, 201);
    assert.deepEqual(result.body, { id: 5, title: 't' });
  });

  it('validates inputs with the SDK before any call', async () => {
    await assert.rejects(
      requireAction(registered, 'CreateTicket').execute(context, {
        pathParameters: { queue: 'q1' },
        body: {},
      }),
      (error: unknown) => error instanceof InvalidInputsError && error.problems[0]?.path === '/body/title',
    );
    assert.equal(seen.length, 0);
  });

  it('maps HTTP failures to typed errors: 404 final, 429 retryable after Retry-After, 401 drops credentials', async () => {
    answers = [
      { status: 404, body: '{"error":"no queue"}' },
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 401 },
    ];
    const list = requireAction(registered, 'ListQueues');
    await assert.rejects(list.execute(context, {}), (error: unknown) => {
      assert.ok(error instanceof ConnectorError);
      assert.equal(error.code, 'HttpStatus404');
      assert.equal(error.retryable, false);
      assert.deepEqual((error.outputs as { body: unknown }).body, { error: 'no queue' });
      return true;
    });
    await assert.rejects(list.execute(context, {}), (error: unknown) => {
      assert.ok(error instanceof ConnectorError);
      assert.equal(error.code, 'Throttled');
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, 2000);
      return true;
    });
    await assert.rejects(
      list.execute(context, {}),
      (error: unknown) => error instanceof ConnectorError && error.code === 'HttpStatus401',
    );
    assert.equal(rejectedCredentials, 1);
  });

  it('polls a batch trigger: items from the items path, nothing on 202, the Location as cursor', async () => {
    const trigger = requireTrigger(registered, 'OnNewTickets');
    assert.ok(trigger.declaration.kind === 'pollingTrigger');
    answers = [
      {
        status: 200,
        headers: { location: '/api/trigger/tickets?since=2' },
        body: '{"value":[{"id":1,"title":"a"},{"id":2,"title":"b"}]}',
      },
      { status: 202 },
    ];
    const first = await trigger.declaration.poll(context, { queries: { queue: 'q1' } }, undefined);
    assert.deepEqual(first.items, [
      { id: 1, title: 'a' },
      { id: 2, title: 'b' },
    ]);
    assert.deepEqual(first.nextCursor, { location: '/api/trigger/tickets?since=2' });
    const second = await trigger.declaration.poll(context, { queries: { queue: 'q1' } }, first.nextCursor);
    assert.deepEqual(second.items, []);
    assert.deepEqual(
      seen.map((s) => s.url),
      ['/api/trigger/tickets?queue=q1', '/api/trigger/tickets?since=2'],
    );
  });

  it('subscribes a webhook with the callback URL in the body and unsubscribes with DELETE on its Location', async () => {
    const trigger = requireTrigger(registered, 'OnTicketEvent');
    assert.ok(trigger instanceof RegisteredPushTrigger);
    answers = [{ status: 201, headers: { location: '/api/hooks/h1' } }, { status: 200 }];
    const subscription = await trigger.subscribe(
      context,
      { body: { events: ['created'] } },
      'https://patchbay.example.test/callbacks/abc',
    );
    assert.deepEqual(JSON.parse(seen[0]?.body ?? ''), {
      events: ['created'],
      callback: 'https://patchbay.example.test/callbacks/abc',
    });
    await trigger.unsubscribe(context, { body: { events: ['created'] } }, subscription);
    assert.deepEqual(
      seen.map((s) => [s.method, s.url, s.apiKey]),
      [
        ['POST', '/api/hooks', 'key-1'],
        ['DELETE', '/api/hooks/h1', 'key-1'],
      ],
    );
  });
});
