import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorConnectionSpec } from '@patchbay/contracts';
import { acceptedAuthTypes, catalogProblems } from './catalog-rules.js';

const postgres: ConnectorConnectionSpec = {
  connectorId: 'postgresql',
  version: '1.0.0',
  versions: ['1.0.0'],
  kind: 'builtin',
  connection: 'required',
  authTypes: [{ type: 'basic' }, { type: 'workloadIdentity', source: 'vaultDatabase' }],
  connectionTest: true,
  connectionParameters: [
    { name: 'host', type: 'string', secret: false, required: true, hasDefault: false },
    { name: 'port', type: 'int', secret: false, required: false, hasDefault: true },
    {
      name: 'user',
      type: 'string',
      secret: false,
      required: true,
      hasDefault: false,
      forAuthTypes: ['basic'],
    },
    {
      name: 'password',
      type: 'string',
      secret: true,
      required: true,
      hasDefault: false,
      forAuthTypes: ['basic'],
    },
    { name: 'ssl', type: 'bool', secret: false, required: false, hasDefault: true },
    {
      name: 'mode',
      type: 'string',
      secret: false,
      required: false,
      hasDefault: false,
      allowedValues: ['fast', 'safe'],
    },
  ],
};

const paths = (problems: { path: string }[]) => problems.map((p) => p.path).sort();

describe('catalogue rules', () => {
  it('accepts a connection that matches the declaration', () => {
    assert.deepEqual(
      catalogProblems(
        postgres,
        {
          authType: 'basic',
          parameters: { host: 'db', port: 5432, user: 'app', ssl: true, concurrencyLimit: 4 },
          secrets: { password: 'pw' },
        },
        'body',
      ),
      [],
    );
  });

  it('names each missing, mistyped, misplaced and unknown field once', () => {
    const problems = catalogProblems(
      postgres,
      {
        authType: 'basic',
        parameters: { port: '5432', ssl: 'yes', password: 'oops', colour: 'red', mode: 'slow' },
        secrets: {},
      },
      'body',
    );
    assert.deepEqual(paths(problems), [
      'body.parameters.colour',
      'body.parameters.host',
      'body.parameters.mode',
      'body.parameters.password',
      'body.parameters.port',
      'body.parameters.ssl',
      'body.parameters.user',
      'body.secrets.password',
    ]);
    const byPath = new Map(problems.map((p) => [p.path, p]));
    assert.match(byPath.get('body.parameters.port')!.message, /must be an integer/);
    assert.equal(byPath.get('body.parameters.port')!.found, '"5432"');
    assert.match(byPath.get('body.parameters.host')!.message, /required by connector 'postgresql'@1.0.0/);
    assert.match(byPath.get('body.parameters.colour')!.message, /not a connection parameter/);
    assert.match(byPath.get('body.parameters.colour')!.expected!, /host, port, user, ssl, mode/);
    assert.match(byPath.get('body.parameters.password')!.message, /is a secret/);
    assert.equal(byPath.get('body.parameters.password')!.found, 'a string', 'a secret value is never echoed');
    assert.equal(byPath.get('body.parameters.mode')!.expected, '"fast" | "safe"');
  });

  it('refuses an auth type the connector does not declare, listing those it does', () => {
    const problems = catalogProblems(postgres, { authType: 'apiKey', parameters: {} }, 'request');
    assert.deepEqual(paths(problems), ['request.authType']);
    assert.equal(problems[0]!.expected, "'basic' | 'workloadIdentity'");
    assert.deepEqual(acceptedAuthTypes(postgres), ['basic', 'workloadIdentity']);
  });

  it('applies parameters per auth type: a workload identity connection takes no user and no password', () => {
    assert.deepEqual(
      catalogProblems(
        postgres,
        { authType: 'workloadIdentity', parameters: { host: 'db', vaultRole: 'ro' } },
        'body',
      ),
      [],
    );
    assert.deepEqual(
      paths(
        catalogProblems(
          postgres,
          { authType: 'workloadIdentity', parameters: { host: 'db', vaultRole: 'ro', user: 'x' } },
          'body',
        ),
      ),
      ['body.parameters.user'],
    );
  });

  it('checks only what an update sets', () => {
    assert.deepEqual(
      catalogProblems(postgres, { authType: 'basic', secrets: { password: 'new' } }, 'body'),
      [],
    );
  });

  it('matches OAuth auth types by flow', () => {
    const oauth: ConnectorConnectionSpec = {
      ...postgres,
      connectorId: 'crm',
      authTypes: [{ type: 'oauth2', flow: 'clientCredentials' }],
      connectionParameters: [],
    };
    assert.deepEqual(acceptedAuthTypes(oauth), ['oauth2ClientCredentials']);
    const parameters = { tokenUrl: 'https://id/token', clientId: 'c' };
    assert.deepEqual(catalogProblems(oauth, { authType: 'oauth2ClientCredentials', parameters }, 'body'), []);
    assert.deepEqual(
      paths(catalogProblems(oauth, { authType: 'oauth2AuthorizationCode', parameters }, 'body')),
      ['body.authType'],
    );
  });
});
