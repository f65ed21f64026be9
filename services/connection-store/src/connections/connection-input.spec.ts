import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';
import {
  parseConnectionName,
  parseCreateConnection,
  parseLinkBody,
  parseNamespace,
  parseWorkflowId,
} from './connection-input.js';

function problemsOf(fn: () => unknown): FieldProblem[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationFailedError, `expected ValidationFailedError, got ${String(error)}`);
    assert.equal(error.code, 'VALIDATION_FAILED');
    return error.problems;
  }
  assert.fail('expected a validation failure');
}

const apiKeyConnection = {
  name: 'crm-api',
  connectorId: 'http',
  authType: 'apiKey',
  parameters: { headerName: 'X-Api-Key' },
  secrets: { apiKey: 'k-123' },
};

describe('parseCreateConnection', () => {
  it('accepts a valid apiKey connection and defaults displayName to the name', () => {
    assert.deepEqual(parseCreateConnection(apiKeyConnection), {
      name: 'crm-api',
      connectorId: 'http',
      displayName: 'crm-api',
      authType: 'apiKey',
      tags: {},
      parameters: { headerName: 'X-Api-Key' },
      secrets: { apiKey: 'k-123' },
      executionEnvironment: null,
    });
  });

  it('pins to an execution environment; `default` is the default environment (stored as null)', () => {
    assert.equal(
      parseCreateConnection({ ...apiKeyConnection, executionEnvironment: 'plant-7' }).executionEnvironment,
      'plant-7',
    );
    assert.equal(
      parseCreateConnection({ ...apiKeyConnection, executionEnvironment: 'default' }).executionEnvironment,
      null,
    );
    const problems = problemsOf(() =>
      parseCreateConnection({ ...apiKeyConnection, executionEnvironment: 'a'.repeat(41) }),
    );
    assert.deepEqual(
      problems.map((p) => [p.path, p.message]),
      [['body.executionEnvironment', 'is not a valid execution environment name']],
    );
  });

  it('accepts authType none without secrets or parameters', () => {
    const input = parseCreateConnection({
      name: 'public',
      connectorId: 'http',
      authType: 'none',
      displayName: ' Public API ',
    });
    assert.deepEqual(input.secrets, {});
    assert.deepEqual(input.parameters, {});
    assert.equal(input.displayName, 'Public API');
  });

  it('reports one problem per field with path, message, expected and found', () => {
    const problems = problemsOf(() =>
      parseCreateConnection({ name: '-bad name', connectorId: 7, authType: 'oauth', surprise: true }),
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body.name', 'body.connectorId', 'body.authType', 'body.surprise'],
    );
    const name = problems.find((p) => p.path === 'body.name')!;
    assert.equal(name.message, 'is not a valid connection name');
    assert.match(name.expected!, /1-80 characters/);
    assert.equal(name.found, '"-bad name"');
    assert.deepEqual(
      problems.find((p) => p.path === 'body.connectorId'),
      {
        path: 'body.connectorId',
        message: 'must be a string',
        expected: "1-100 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit (e.g. 'http')",
        found: 'number 7',
      },
    );
    assert.equal(
      problems.find((p) => p.path === 'body.authType')!.expected,
      "'none' | 'apiKey' | 'basic' | 'bearer' | 'oauth2AuthorizationCode' | 'oauth2ClientCredentials' | 'clientCertificate' | 'workloadIdentity'",
    );
    assert.equal(problems.find((p) => p.path === 'body.surprise')!.message, 'is not a known field');
  });

  it('says which required fields are missing', () => {
    const problems = problemsOf(() => parseCreateConnection({}));
    assert.deepEqual(
      problems.map((p) => [p.path, p.message, p.found]),
      [
        ['body.name', 'is required', 'nothing'],
        ['body.connectorId', 'is required', 'nothing'],
        ['body.authType', 'is required', 'nothing'],
      ],
    );
  });

  it('rejects a body that is not an object', () => {
    const problems = problemsOf(() => parseCreateConnection('name=x'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, 'body');
  });

  it('requires the secret each auth type needs', () => {
    const problems = problemsOf(() => parseCreateConnection({ ...apiKeyConnection, secrets: {} }));
    assert.deepEqual(problems, [
      {
        path: 'body.secrets.apiKey',
        message: "is required for authType 'apiKey'",
        expected: 'a non-empty string',
        found: 'nothing',
      },
    ]);
    assert.equal(
      problemsOf(() => parseCreateConnection({ name: 'b', connectorId: 'http', authType: 'bearer' }))[0]!
        .path,
      'body.secrets.token',
    );
  });

  it('leaves the user parameter of basic to the connector (PostgreSQL calls it user)', () => {
    assert.doesNotThrow(() =>
      parseCreateConnection({
        name: 'b',
        connectorId: 'postgresql',
        authType: 'basic',
        parameters: { user: 'app' },
        secrets: { password: 'pw' },
      }),
    );
  });

  it('never echoes a secret value in a problem', () => {
    const secret = 'hunter2-very-secret';
    const problems = [
      ...problemsOf(() =>
        parseCreateConnection({ ...apiKeyConnection, secrets: { apiKey: 'ok', password: secret } }),
      ),
      ...problemsOf(() => parseCreateConnection({ ...apiKeyConnection, secrets: { apiKey: 42 } })),
      ...problemsOf(() => parseCreateConnection({ ...apiKeyConnection, parameters: { password: secret } })),
      ...problemsOf(() =>
        parseCreateConnection({
          name: 'n',
          connectorId: 'http',
          authType: 'none',
          secrets: { token: secret },
        }),
      ),
    ];
    assert.equal(problems.length, 4);
    assert.ok(!JSON.stringify(problems).includes(secret));
    assert.ok(!JSON.stringify(problems).includes('42'));
    assert.deepEqual(
      problems.map((p) => [p.path, p.found]),
      [
        ['body.secrets.password', 'a string'],
        ['body.secrets.apiKey', 'a number'],
        ['body.parameters.password', 'a string'],
        ['body.secrets.token', 'a string'],
      ],
    );
  });

  it('refuses secret-looking parameters: they would land in Postgres', () => {
    const problems = problemsOf(() =>
      parseCreateConnection({ ...apiKeyConnection, parameters: { ApiKey: 'x', headerName: 'X-Key' } }),
    );
    assert.equal(problems[0]!.path, 'body.parameters.ApiKey');
    assert.match(problems[0]!.message, /secret values go in `secrets`/);
  });

  it('checks apiKey placement parameters', () => {
    const problems = problemsOf(() =>
      parseCreateConnection({
        ...apiKeyConnection,
        parameters: { headerName: 'bad header', queryName: 'key' },
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body.parameters.headerName', 'body.parameters.queryName'],
    );
  });
});

describe('query, params and link body', () => {
  it('defaults the namespace and validates it', () => {
    assert.equal(parseNamespace({}), 'default');
    assert.equal(parseNamespace({ namespace: 'team-a' }), 'team-a');
    assert.equal(problemsOf(() => parseNamespace({ namespace: 'Team A' }))[0]!.path, 'query.namespace');
  });

  it('validates names and workflow ids taken from the URL', () => {
    assert.equal(parseConnectionName('crm.api_v2'), 'crm.api_v2');
    assert.equal(problemsOf(() => parseConnectionName('x'.repeat(81)))[0]!.path, 'params.name');
    assert.equal(problemsOf(() => parseWorkflowId('wf-1'))[0]!.message, 'is not a UUID');
  });

  it('validates the link body', () => {
    const workflowId = '6f1c2f7e-4a59-4a3e-9a39-8b8f0f2f6c11';
    assert.deepEqual(parseLinkBody({ workflowId }), { workflowId });
    assert.deepEqual(
      problemsOf(() => parseLinkBody({})).map((p) => [p.path, p.message]),
      [['body.workflowId', 'is required']],
    );
  });
});

describe('parseCreateConnection for OAuth2', () => {
  const provider = {
    authorizationUrl: 'https://login.example.com/authorize',
    tokenUrl: 'https://login.example.com/token',
    clientId: 'patchbay',
  };

  it('accepts an authorization-code connection with an optional client secret', () => {
    const input = parseCreateConnection({
      name: 'crm',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: { ...provider, scopes: ['api:read', 'offline_access'] },
    });
    assert.deepEqual(input.secrets, {});
    assert.doesNotThrow(() =>
      parseCreateConnection({
        name: 'crm',
        connectorId: 'http',
        authType: 'oauth2AuthorizationCode',
        parameters: provider,
        secrets: { clientSecret: 's' },
      }),
    );
  });

  it('wants a client secret and a token URL for client credentials, and refuses tokens as input', () => {
    const problems = problemsOf(() =>
      parseCreateConnection({
        name: 'm2m',
        connectorId: 'http',
        authType: 'oauth2ClientCredentials',
        parameters: { tokenUrl: 'ftp://x', clientId: '' },
        secrets: { accessToken: 'nope' },
      }),
    );
    assert.deepEqual(
      problems.map((p) => [p.path, p.message]),
      [
        ['body.parameters.tokenUrl', 'is not a URL'],
        ['body.parameters.clientId', "is required for authType 'oauth2ClientCredentials'"],
        ['body.secrets.clientSecret', "is required for authType 'oauth2ClientCredentials'"],
        ['body.secrets.accessToken', "is not a secret of authType 'oauth2ClientCredentials'"],
      ],
    );
    assert.ok(!JSON.stringify(problems).includes('nope'));
  });

  it('checks scopes are a list of scope tokens', () => {
    const problems = problemsOf(() =>
      parseCreateConnection({
        name: 'crm',
        connectorId: 'http',
        authType: 'oauth2AuthorizationCode',
        parameters: { ...provider, scopes: ['a b'] },
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body.parameters.scopes'],
    );
  });
});
