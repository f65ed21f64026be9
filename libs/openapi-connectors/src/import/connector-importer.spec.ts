import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DefinitionRejectedError, DefinitionUnreadableError } from '../errors.js';
import type { ImportedConnector } from '../model/imported-connector.js';
import { filesOpenApi3, ticketsApiProperties, ticketsSwagger } from '../test-support/fixtures.js';
import { importConnector } from './connector-importer.js';

function op(connector: ImportedConnector, id: string) {
  const found = connector.operations.find((o) => o.operationId === id);
  assert.ok(found, `operation ${id}`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<DefinitionRejectedError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DefinitionRejectedError, String(error));
    return error;
  }
  assert.fail('the import should have been rejected');
}

describe('importConnector: Swagger 2.0 with apiProperties', () => {
  it('generates operations with path, query, header, body and form parameters', async () => {
    const c = await importConnector({ definition: ticketsSwagger(), apiProperties: ticketsApiProperties() });
    assert.equal(c.id, 'ticket-desk');
    assert.equal(c.specVersion, 'swagger-2.0');
    assert.equal(c.baseUrl, 'https://tickets.example.test/api');
    const list = op(c, 'ListTickets');
    assert.deepEqual(
      list.parameters.map((p) => [p.name, p.in, p.required]),
      [
        ['queue', 'path', true],
        ['top', 'query', false],
        ['tags', 'query', false],
        ['fields', 'query', false],
        ['X-Trace', 'header', false],
      ],
    );
    assert.equal(list.parameters[0]?.urlEncoding, 'double');
    assert.equal(list.parameters[2]?.collectionFormat, 'multi');
    assert.equal(list.parameters[4]?.visibility, 'advanced');
    const attach = op(c, 'AttachFile');
    assert.equal(attach.requestContentType, 'multipart/form-data');
    assert.equal(attach.parameters.find((p) => p.name === 'file')?.file, true);
    const upload = op(c, 'UploadContent');
    assert.equal(upload.requestContentType, 'application/octet-stream');
    assert.equal(upload.parameters.find((p) => p.in === 'body')?.file, true);
    assert.equal(upload.responses[0]?.file, true);
    assert.equal(op(c, 'CloseTicket').requestContentType, 'application/x-www-form-urlencoded');
    assert.equal(op(c, 'ListQueues').visibility, 'internal');
    assert.equal(c.testConnectionOperationId, 'ListQueues');
  });

  it('makes schemas self-contained, recursive references included, x-nullable as null', async () => {
    const c = await importConnector({ definition: ticketsSwagger() });
    const body = op(c, 'CreateTicket').parameters.find((p) => p.in === 'body');
    const schema = body?.schema as Record<string, unknown>;
    assert.equal(schema['$ref'], '#/definitions/NewTicket');
    const definitions = schema['definitions'] as Record<string, Record<string, Record<string, unknown>>>;
    assert.deepEqual(Object.keys(definitions).sort(), ['NewTicket', 'Ticket']);
    assert.deepEqual(definitions['NewTicket']?.['properties']?.['priority'], { type: ['integer', 'null'] });
  });

  it('finds polling (batch) and webhook triggers, dynamic values and the notification URL', async () => {
    const c = await importConnector({ definition: ticketsSwagger(), apiProperties: ticketsApiProperties() });
    const polling = op(c, 'OnNewTickets');
    assert.equal(polling.trigger?.type, 'polling');
    assert.equal(polling.trigger?.cardinality, 'batch');
    assert.equal(polling.trigger?.itemsPath, 'value');
    assert.deepEqual(polling.parameters[0]?.dynamicValues, {
      operationId: 'ListQueues',
      parameters: {},
      collectionPath: 'value',
      valuePath: 'id',
      titlePath: 'name',
    });
    const webhook = op(c, 'OnTicketEvent');
    assert.equal(webhook.trigger?.type, 'webhook');
    assert.equal(webhook.trigger?.cardinality, 'single');
    assert.deepEqual(webhook.trigger?.notificationUrlAt, {
      in: 'body',
      name: 'subscription',
      pointer: '/callback',
    });
    assert.equal((webhook.trigger?.outputSchema as Record<string, unknown>)['$ref'], '#/definitions/Ticket');
  });

  it('reads connection parameters, the API key scheme and applies policy templates', async () => {
    const c = await importConnector({ definition: ticketsSwagger(), apiProperties: ticketsApiProperties() });
    assert.deepEqual(
      c.connectionParameters.map((p) => [p.name, p.secret, p.required, p.allowedValues]),
      [
        ['api_key', true, true, undefined],
        ['region', false, true, ['eu', 'us']],
      ],
    );
    assert.deepEqual(c.authSchemes, [
      { name: 'default', type: 'apiKey', in: 'header', keyName: 'X-Api-Key', parameter: 'api_key' },
    ]);
    assert.equal(c.hostUrlTemplate, "https://@connectionParameters('region').tickets.example.test/api");
    assert.deepEqual(op(c, 'ListTickets').wire, { method: 'GET', path: '/v2/queues/{queue}/items' });
    assert.deepEqual(op(c, 'CreateTicket').policyHeaders, { 'X-Region': "@connectionParameters('region')" });
    assert.equal(c.brandColor, '#123456');
    const skipped = c.warnings.find((w) => w.feature === 'policy:stringreplace');
    assert.match(skipped?.message ?? '', /stringreplace is not applied \(operations: CreateTicket\)/);
    assert.equal(skipped?.path, 'apiProperties$.properties.policyTemplateInstances[4]');
    assert.deepEqual(
      c.extensions.filter((e) => e.handling === 'unsupported').map((e) => [e.name, e.count]),
      [['policy:stringreplace', 1]],
    );
  });

  it('skips an operation it cannot call, naming the JSON path, and keeps the others', async () => {
    const c = await importConnector({ definition: ticketsSwagger() });
    assert.equal(
      c.operations.some((o) => o.operationId === 'Broken'),
      false,
    );
    const warning = c.warnings.find((w) => w.feature === 'operation');
    assert.equal(warning?.path, "$.paths['/broken'].get.parameters[0].in");
    assert.match(warning?.message ?? '', /parameter location cookie is unknown; operation skipped/);
  });

  it('derives auth from securityDefinitions when there is no apiProperties', async () => {
    const c = await importConnector({ definition: ticketsSwagger() });
    assert.deepEqual(c.authSchemes, [
      { name: 'key', type: 'apiKey', in: 'header', keyName: 'X-Api-Key', parameter: 'api_key' },
    ]);
    assert.deepEqual(
      c.connectionParameters.map((p) => [p.name, p.secret]),
      [['api_key', true]],
    );
  });

  it('reads Azure AD, generic OAuth2 and connection parameter sets', async () => {
    const aad = await importConnector({
      definition: ticketsSwagger(),
      apiProperties: {
        properties: {
          connectionParameters: {
            token: {
              type: 'oauthSetting',
              oAuthSettings: {
                identityProvider: 'aad',
                clientId: 'client-1',
                scopes: [],
                customParameters: {
                  LoginUri: { value: 'https://login.microsoftonline.com' },
                  TenantId: { value: 'contoso' },
                  ResourceUri: { value: 'https://graph.microsoft.com' },
                },
              },
            },
          },
        },
      },
    });
    assert.deepEqual(aad.authSchemes[0], {
      name: 'default',
      type: 'oauth2',
      settings: {
        declaredProvider: 'aad',
        scopes: [],
        clientId: 'client-1',
        identityProvider: 'aad',
        flow: 'authorizationCode',
        authorizationUrl: 'https://login.microsoftonline.com/contoso/oauth2/authorize',
        tokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/token',
        resourceUri: 'https://graph.microsoft.com',
      },
    });
    const sets = await importConnector({
      definition: ticketsSwagger(),
      apiProperties: {
        properties: {
          connectionParameterSets: {
            values: [
              {
                name: 'key',
                uiDefinition: { displayName: 'API key' },
                parameters: { api_key: { type: 'securestring' } },
              },
              {
                name: 'oauth',
                parameters: {
                  token: {
                    type: 'oauthSetting',
                    oAuthSettings: {
                      identityProvider: 'oauth2generic',
                      scopes: ['read'],
                      customParameters: {
                        authorizationUrl: { value: 'https://id.example.test/authorize' },
                        tokenUrl: { value: 'https://id.example.test/token' },
                      },
                    },
                  },
                },
              },
            ],
          },
        },
      },
    });
    assert.deepEqual(
      sets.authSchemes.map((s) => [s.name, s.type, s.displayName]),
      [
        ['key', 'apiKey', 'API key'],
        ['oauth', 'oauth2', 'oauth'],
      ],
    );
    assert.deepEqual(
      sets.connectionParameters.map((p) => [p.name, p.forAuth]),
      [['api_key', ['key']]],
    );
    const generic = sets.authSchemes[1];
    assert.ok(generic?.type === 'oauth2');
    assert.equal(generic.settings.tokenUrl, 'https://id.example.test/token');
    assert.equal(generic.settings.identityProvider, 'generic');
  });
});

describe('importConnector: OpenAPI 3.0', () => {
  it('maps request bodies, servers, cookies and OAuth2 flows', async () => {
    const c = await importConnector({ definition: filesOpenApi3() });
    assert.equal(c.specVersion, 'openapi-3.0');
    assert.equal(c.baseUrl, 'https://eu.files.example.test/v1');
    assert.equal(c.version, '2.0.1');
    const create = op(c, 'createItem');
    assert.equal(create.requestContentType, 'application/json');
    assert.deepEqual(
      create.parameters.map((p) => [p.name, p.in, p.required]),
      [['body', 'body', true]],
    );
    const put = op(c, 'putItem');
    assert.equal(put.parameters.find((p) => p.in === 'body')?.file, true);
    assert.equal(put.requestContentType, 'application/octet-stream');
    const upload = op(c, 'upload');
    assert.equal(upload.requestContentType, 'multipart/form-data');
    assert.deepEqual(
      upload.parameters.map((p) => [p.name, p.in, p.required, p.file]),
      [
        ['file', 'formData', true, true],
        ['label', 'formData', false, false],
      ],
    );
    const item = (
      op(c, 'getItem').responses[0]?.schema as Record<string, Record<string, Record<string, unknown>>>
    )['definitions'];
    assert.deepEqual(item?.['Item']?.['properties'], {
      name: { type: 'string' },
      size: { type: ['integer', 'null'] },
    });
    assert.equal(
      c.operations.some((o) => o.operationId === 'private'),
      false,
    );
    assert.ok(
      c.warnings.some(
        (w) => w.path === "$.paths['/private'].get.parameters[0].in" && /required cookie/.test(w.message),
      ),
    );
    assert.ok(c.warnings.some((w) => w.feature === 'cookie-parameter'));
    const scheme = c.authSchemes[0];
    assert.ok(scheme?.type === 'oauth2');
    assert.deepEqual(scheme.settings.scopes, ['files.read', 'files.write']);
    assert.equal(scheme.settings.tokenUrl, 'https://login.files.example.test/token');
  });
});

describe('importConnector: sources and rejections', () => {
  it('reads files, and a YAML definition from a URL (loopback refused unless allowed)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openapi-connectors-'));
    await writeFile(join(dir, 'def.json'), JSON.stringify(ticketsSwagger()));
    await writeFile(join(dir, 'props.json'), JSON.stringify(ticketsApiProperties()));
    const fromFile = await importConnector({
      definition: join(dir, 'def.json'),
      apiProperties: join(dir, 'props.json'),
    });
    assert.equal(fromFile.operations.length, 8);
    const yaml =
      'openapi: 3.0.0\ninfo:\n  title: Tiny\n  version: "1"\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        "200":\n          description: ok\n';
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/yaml' }).end(yaml),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = new URL(`http://127.0.0.1:${port}/openapi.yaml`);
      await assert.rejects(importConnector({ definition: url }), /loopback, private or link-local address/);
      const fromUrl = await importConnector({ definition: url, allowPrivateUrls: true });
      assert.deepEqual(
        fromUrl.operations.map((o) => o.operationId),
        ['ping'],
      );
    } finally {
      server.close();
    }
  });

  it('fails with DefinitionUnreadableError for a missing file', async () => {
    await assert.rejects(
      importConnector({ definition: '/nonexistent/definition.json' }),
      DefinitionUnreadableError,
    );
  });

  it('rejects an unsupported version and missing paths with the JSON path of each problem', async () => {
    const error = await rejection(importConnector({ definition: { swagger: '1.2', info: {} } }));
    assert.deepEqual(error.problems, [
      { path: '$.swagger', message: 'must be "2.0", found "1.2"' },
      { path: '$.paths', message: 'must be an object of paths' },
    ]);
    const openapi4 = await rejection(importConnector({ definition: { openapi: '4.0.0', paths: {} } }));
    assert.deepEqual(openapi4.problems, [
      { path: '$.openapi', message: 'must be 3.0.x or 3.1.x, found "4.0.0"' },
    ]);
  });

  it('rejects malformed apiProperties naming the field', async () => {
    const error = await rejection(
      importConnector({
        definition: ticketsSwagger(),
        apiProperties: { properties: { connectionParameters: [] } },
      }),
    );
    assert.deepEqual(error.problems, [
      { path: 'apiProperties$.properties.connectionParameters', message: 'must be an object' },
    ]);
  });

  it('rejects a definition none of whose operations can be called, listing each', async () => {
    const error = await rejection(
      importConnector({
        definition: {
          swagger: '2.0',
          info: { title: 'x', version: '1' },
          paths: {
            '/a/{id}': { get: { operationId: 'a', responses: { '200': { description: 'ok' } } } },
            '/b': {
              get: { operationId: 'b', parameters: [{ $ref: '#/parameters/missing' }], responses: {} },
            },
          },
        },
      }),
    );
    assert.deepEqual(error.problems, [
      {
        path: "$.paths['/a/{id}'].get",
        message: 'path placeholder {id} has no path parameter; operation skipped',
      },
      {
        path: "$.paths['/b'].get.parameters[0]",
        message: 'parameter reference does not resolve to a parameter; operation skipped',
      },
    ]);
  });
});
