import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PaginationError, ResponseTooLargeError } from '../errors.js';
import { importConnector } from '../import/connector-importer.js';
import type { ImportedConnector } from '../model/imported-connector.js';
import type { ConnectionValues } from './connection-template.js';
import { executeApiConnection } from './operation-executor.js';

/** A paged list API: `/items?page=N` answers three items and a next link until `lastPage`. */
let server: Server;
let origin: string;
let seen: { url: string; method: string; headers: IncomingHttpHeaders; body: string }[] = [];
let lastPage = 3;
let nextLinkOf: (page: number) => string | undefined;

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/notes') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        return;
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      const link = page < lastPage ? nextLinkOf(page) : undefined;
      const items = [1, 2, 3].map((i) => ({ id: `p${page}-${i}`, tags: { a: 1 } }));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ value: items, ...(link === undefined ? {} : { '@odata.nextLink': link }) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());
beforeEach(() => {
  seen = [];
  lastPage = 3;
  nextLinkOf = (page) => `${origin}/items?page=${page + 1}`;
});

const definition = {
  swagger: '2.0',
  info: { title: 'Paged', version: '1.0' },
  host: 'paged.example.com',
  basePath: '/',
  schemes: ['https'],
  securityDefinitions: { key: { type: 'apiKey', in: 'query', name: 'code' } },
  security: [{ key: [] }],
  paths: {
    '/items': {
      get: {
        operationId: 'ListItems',
        'x-ms-pageable': { nextLinkName: '@odata.nextLink' },
        responses: { '200': { description: 'ok', schema: { type: 'object' } } },
      },
    },
    '/notes': {
      post: {
        operationId: 'AddNote',
        parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object' } }],
        responses: { '200': { description: 'ok', schema: { type: 'object' } } },
      },
    },
  },
};
const apiProperties = {
  properties: {
    policyTemplateInstances: [
      {
        templateId: 'SetProperty',
        parameters: {
          'x-ms-apimTemplate-operationName': ['AddNote'],
          'x-ms-apimTemplateParameter.newPropertyParentPathTemplate': '@body()',
          'x-ms-apimTemplateParameter.newPropertySubPathTemplate': 'kind',
          'x-ms-apimTemplateParameter.propertyValuePathTemplate': 'memo',
          'x-ms-apimTemplate-policySection': 'Request',
        },
      },
      {
        templateId: 'ConvertObjectToArray',
        parameters: {
          'x-ms-apimTemplate-operationName': ['ListItems'],
          'x-ms-apimTemplateParameter.propertyParentPath': '@body().value',
          'x-ms-apimTemplateParameter.propertySubPath': 'tags',
          'x-ms-apimTemplateParameter.newPropertyPath': '@item().tagList',
          'x-ms-apimTemplateParameter.keyName': 'name',
          'x-ms-apimTemplateParameter.valueName': 'count',
          'x-ms-apimTemplate-policySection': 'Response',
        },
      },
    ],
  },
};
const connection: ConnectionValues = { parameters: {}, secrets: { api_key: 'k-1' } };

describe('x-ms-pageable and body policy templates through the executor', () => {
  let paged: ImportedConnector;
  before(async () => {
    paged = await importConnector({ definition, apiProperties, skipSchemaCheck: true });
  });

  it('imports x-ms-pageable and the templates as applied', () => {
    assert.deepEqual(paged.operations.find((o) => o.operationId === 'ListItems')?.pageable, {
      nextLinkName: '@odata.nextLink',
      itemName: 'value',
    });
    const handled = Object.fromEntries(paged.extensions.map((e) => [e.name, e.handling]));
    assert.equal(handled['x-ms-pageable'], 'applied');
    assert.equal(handled['policy:setproperty'], 'applied');
    assert.equal(handled['policy:convertobjecttoarray'], 'applied');
  });

  it('without a pagination policy answers the first page as it is (plus response templates)', async () => {
    const result = await executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
      originOverride: origin,
    });
    assert.equal(seen.length, 1);
    const body = result.body as { value: { id: string; tagList: unknown }[]; '@odata.nextLink': string };
    assert.deepEqual(
      body.value.map((v) => v.id),
      ['p1-1', 'p1-2', 'p1-3'],
    );
    assert.deepEqual(body.value[0]?.tagList, [{ name: 'a', count: 1 }]);
    assert.equal(body['@odata.nextLink'], `${origin}/items?page=2`);
  });

  it('follows next links with GET and the same credential until the minimum is reached', async () => {
    const result = await executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
      originOverride: origin,
      pagination: { minimumItemCount: 4 },
    });
    assert.deepEqual(
      seen.map((s) => [
        s.method,
        new URL(s.url, origin).searchParams.get('page'),
        new URL(s.url, origin).searchParams.get('code'),
      ]),
      [
        ['GET', null, 'k-1'],
        ['GET', '2', 'k-1'],
      ],
    );
    const body = result.body as { value: { id: string; tagList: unknown }[]; '@odata.nextLink'?: string };
    assert.equal(body.value.length, 6, 'whole pages: 6 items for a minimum of 4');
    assert.deepEqual(body.value[5]?.tagList, [{ name: 'a', count: 1 }], 'templates apply to every page');
    assert.equal(body['@odata.nextLink'], `${origin}/items?page=3`, 'the link not followed is kept');
  });

  it('collects every page when the minimum is above what the target has, and drops the last link', async () => {
    const result = await executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
      originOverride: origin,
      pagination: { minimumItemCount: 5000 },
    });
    const body = result.body as Record<string, unknown>;
    assert.equal((body['value'] as unknown[]).length, 9);
    assert.equal('@odata.nextLink' in body, false);
  });

  it('sends no credential to a next link on another origin', async () => {
    nextLinkOf = (page) => `${origin.replace('127.0.0.1', 'localhost')}/items?page=${page + 1}`;
    await executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
      originOverride: origin,
      pagination: { minimumItemCount: 4 },
    });
    assert.equal(seen.length, 2);
    assert.equal(new URL(seen[1]?.url ?? '', origin).searchParams.get('code'), null);
  });

  it('fails a link that loops, and more pages than allowed, naming the operation', async () => {
    nextLinkOf = () => `${origin}/items?page=2`;
    lastPage = 100;
    await assert.rejects(
      executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
        originOverride: origin,
        pagination: { minimumItemCount: 100 },
      }),
      (error: unknown) =>
        error instanceof PaginationError &&
        /ListItems: the next link of page 2 .* was already followed/.test(error.message),
    );
    nextLinkOf = (page) => `${origin}/items?page=${page + 1}`;
    await assert.rejects(
      executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
        originOverride: origin,
        pagination: { minimumItemCount: 100 },
        maxPages: 3,
      }),
      (error: unknown) => error instanceof PaginationError && /9 items after 3 pages/.test(error.message),
    );
  });

  it('bounds all pages together by maxResponseBytes, naming the limit', async () => {
    const onePage = JSON.stringify({
      value: [1, 2, 3].map((i) => ({ id: `p1-${i}`, tags: { a: 1 } })),
      '@odata.nextLink': `${origin}/items?page=2`,
    }).length;
    await assert.rejects(
      executeApiConnection(paged, { method: 'get', path: '/items' }, connection, {
        originOverride: origin,
        pagination: { minimumItemCount: 100 },
        maxResponseBytes: onePage * 2,
        maxResponseBytesName: 'TEST_LIMIT',
      }),
      (error: unknown) =>
        error instanceof ResponseTooLargeError &&
        error.message === `the 3 pages of ListItems together exceeds ${onePage * 2} bytes (TEST_LIMIT)`,
    );
  });

  it('applies request templates to the body it sends', async () => {
    await executeApiConnection(paged, { method: 'post', path: '/notes', body: { text: 'x' } }, connection, {
      originOverride: origin,
    });
    assert.deepEqual(JSON.parse(seen[0]?.body ?? ''), { text: 'x', kind: 'memo' });
  });
});
