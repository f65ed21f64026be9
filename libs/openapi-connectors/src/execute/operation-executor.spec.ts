import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConnectionValueMissingError, OperationInputError, OperationNotFoundError } from '../errors.js';
import { importConnector } from '../import/connector-importer.js';
import type { ImportedConnector } from '../model/imported-connector.js';
import { filesOpenApi3, ticketsApiProperties, ticketsSwagger } from '../test-support/fixtures.js';
import type { ConnectionValues } from './connection-template.js';
import { executeApiConnection } from './operation-executor.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A target that records each request and answers with the next canned response. */
let server: Server;
let origin: string;
let seen: Seen[] = [];
let answer: { status: number; type?: string; body?: Buffer | string } = { status: 200 };

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res
        .writeHead(answer.status, answer.type !== undefined ? { 'content-type': answer.type } : {})
        .end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());
beforeEach(() => {
  seen = [];
  answer = { status: 200 };
});

const connection: ConnectionValues = { parameters: { region: 'eu' }, secrets: { api_key: 'key-1' } };
let tickets: ImportedConnector;
before(async () => {
  tickets = await importConnector({ definition: ticketsSwagger(), apiProperties: ticketsApiProperties() });
});

describe('executeApiConnection', () => {
  it('routes, encodes paths and queries, and adds policy and API key headers', async () => {
    answer = { status: 200, type: 'application/json', body: '[{"id":1,"title":"a"}]' };
    const result = await executeApiConnection(
      tickets,
      {
        method: 'get',
        path: '/queues/a%252Fb/tickets',
        queries: { top: '5', tags: ['x', 'y'], fields: ['a', 'b'] },
        headers: { 'X-Trace': 't-1' },
      },
      connection,
      { originOverride: origin },
    );
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.method, 'GET');
    assert.equal(seen[0]?.url, '/api/v2/queues/a%2Fb/items?top=5&tags=x&tags=y&fields=a%2Cb');
    assert.equal(seen[0]?.headers['x-api-key'], 'key-1');
    assert.equal(seen[0]?.headers['x-region'], 'eu');
    assert.equal(seen[0]?.headers['x-trace'], 't-1');
    assert.deepEqual(result, {
      operationId: 'ListTickets',
      statusCode: 200,
      headers: result.headers,
      body: [{ id: 1, title: 'a' }],
    });
  });

  it('sends a JSON body and parses the JSON response', async () => {
    answer = { status: 201, type: 'application/json; charset=utf-8', body: '{"id":7,"title":"Printer"}' };
    const result = await executeApiConnection(
      tickets,
      { method: 'post', path: '/queues/q1/tickets', body: { title: 'Printer', priority: null } },
      connection,
      { originOverride: origin },
    );
    assert.equal(seen[0]?.url, '/api/queues/q1/tickets');
    assert.equal(seen[0]?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(seen[0]?.body.toString() ?? ''), { title: 'Printer', priority: null });
    assert.equal(result.statusCode, 201);
    assert.deepEqual(result.body, { id: 7, title: 'Printer' });
  });

  it('sends multipart form data with a file part', async () => {
    answer = { status: 204 };
    await executeApiConnection(
      tickets,
      {
        method: 'post',
        path: '/tickets/12/attachments',
        body: {
          file: { '$content-type': 'text/plain', $content: Buffer.from('hello').toString('base64') },
          note: 'n1',
        },
      },
      connection,
      { originOverride: origin },
    );
    const request = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': String(seen[0]?.headers['content-type']) },
      body: seen[0]?.body,
    });
    const form = await request.formData();
    const file = form.get('file');
    assert.ok(file instanceof Blob);
    assert.equal(await file.text(), 'hello');
    assert.equal(file.type, 'text/plain');
    assert.equal(form.get('note'), 'n1');
  });

  it('sends a binary body and returns a binary response as a content envelope', async () => {
    answer = { status: 200, type: 'application/pdf', body: Buffer.from([0x25, 0x50, 0x44, 0x46]) };
    const result = await executeApiConnection(
      tickets,
      { method: 'put', path: '/tickets/3/content', body: { '$content-type': 'image/png', $content: 'AAEC' } },
      connection,
      { originOverride: origin },
    );
    assert.equal(seen[0]?.headers['content-type'], 'application/octet-stream');
    assert.deepEqual([...(seen[0]?.body ?? [])], [0, 1, 2]);
    assert.deepEqual(result.body, { '$content-type': 'application/pdf', $content: 'JVBERg==' });
  });

  it('sends url-encoded forms and reads text responses', async () => {
    answer = { status: 200, type: 'text/plain', body: 'closed' };
    const result = await executeApiConnection(
      tickets,
      { method: 'post', path: '/tickets/3/close', body: { reason: 'done' } },
      connection,
      { originOverride: origin },
    );
    assert.equal(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(seen[0]?.body.toString(), 'reason=done');
    assert.equal(result.body, 'closed');
  });

  it('rejects inputs that violate the schema, naming each field, before any request', async () => {
    await assert.rejects(
      executeApiConnection(
        tickets,
        { method: 'get', path: '/queues/q/tickets', queries: { top: 'many' } },
        connection,
        { originOverride: origin },
      ),
      (error: unknown) => {
        assert.ok(error instanceof OperationInputError);
        assert.deepEqual(error.problems, [{ path: '/queries/top', message: 'must be integer' }]);
        return true;
      },
    );
    await assert.rejects(
      executeApiConnection(
        tickets,
        { method: 'post', path: '/queues/q/tickets', body: { priority: 1 } },
        connection,
        {
          originOverride: origin,
        },
      ),
      (error: unknown) => {
        assert.ok(error instanceof OperationInputError);
        assert.deepEqual(error.problems, [{ path: '/body/title', message: 'is required' }]);
        return true;
      },
    );
    await assert.rejects(
      executeApiConnection(
        tickets,
        { method: 'post', path: '/tickets/x/close', body: { reason: 'later' } },
        connection,
        {
          originOverride: origin,
        },
      ),
      (error: unknown) => {
        assert.ok(error instanceof OperationInputError);
        assert.deepEqual(
          error.problems.map((p) => p.path),
          ['/pathParameters/id', '/body/reason'],
        );
        return true;
      },
    );
    assert.equal(seen.length, 0);
  });

  it('fails with OperationNotFoundError for an unknown path and names a missing connection value', async () => {
    await assert.rejects(
      executeApiConnection(tickets, { method: 'delete', path: '/queues' }, connection, {
        originOverride: origin,
      }),
      OperationNotFoundError,
    );
    await assert.rejects(
      executeApiConnection(
        tickets,
        { method: 'get', path: '/queues' },
        { parameters: { region: 'eu' }, secrets: {} },
        {
          originOverride: origin,
        },
      ),
      (error: unknown) => error instanceof ConnectionValueMissingError && /api_key/.test(error.message),
    );
    await assert.rejects(
      executeApiConnection(
        tickets,
        { method: 'get', path: '/queues' },
        { parameters: {}, secrets: { api_key: 'k' } },
        {
          originOverride: origin,
        },
      ),
      (error: unknown) => error instanceof ConnectionValueMissingError && /region/.test(error.message),
    );
    assert.equal(seen.length, 0);
  });

  it('sends an OAuth bearer token and OpenAPI 3 server paths', async () => {
    const files = await importConnector({ definition: filesOpenApi3() });
    answer = { status: 200, type: 'application/json', body: '{"name":"a.txt","size":null}' };
    const result = await executeApiConnection(
      files,
      { method: 'get', path: '/items/a.txt' },
      { parameters: {}, secrets: { accessToken: 'token-9' } },
      { originOverride: origin },
    );
    assert.equal(seen[0]?.url, '/v1/items/a.txt');
    assert.equal(seen[0]?.headers['authorization'], 'Bearer token-9');
    assert.deepEqual(result.body, { name: 'a.txt', size: null });
  });

  it('sends basic credentials', async () => {
    const basic = await importConnector({
      definition: { ...ticketsSwagger(), securityDefinitions: { basic: { type: 'basic' } } },
    });
    await executeApiConnection(
      basic,
      { method: 'get', path: '/queues' },
      { parameters: {}, secrets: { username: 'ann', password: 'pw' } },
      { originOverride: origin },
    );
    assert.equal(seen[0]?.headers['authorization'], `Basic ${Buffer.from('ann:pw').toString('base64')}`);
  });

  it('runs a setvaluefromurl lookup first and sends the value it found as a header', async () => {
    const properties = ticketsApiProperties() as { properties: { policyTemplateInstances: unknown[] } };
    properties.properties.policyTemplateInstances.push({
      templateId: 'setvaluefromurl',
      parameters: {
        'x-ms-apimTemplateParameter.parameterTemplate': "@headers('X-Team')",
        'x-ms-apimTemplateParameter.httpMethod': 'GET',
        'x-ms-apimTemplateParameter.parameterValueUrl': '/me',
        'x-ms-apimTemplateParameter.parameterValuePathTemplate': '@body().team.id',
        'x-ms-apimTemplate-policySection': 'Request',
        'x-ms-apimTemplate-operationName': ['ListQueues'],
      },
    });
    const withLookup = await importConnector({ definition: ticketsSwagger(), apiProperties: properties });
    answer = { status: 200, type: 'application/json', body: '{"team":{"id":"t-5"}}' };
    await executeApiConnection(withLookup, { method: 'get', path: '/queues' }, connection, {
      originOverride: origin,
    });
    assert.deepEqual(
      seen.map((s) => [s.method, s.url, s.headers['x-api-key'], s.headers['x-team']]),
      [
        ['GET', '/api/me', 'key-1', undefined],
        ['GET', '/api/queues', 'key-1', 't-5'],
      ],
    );
  });
});
