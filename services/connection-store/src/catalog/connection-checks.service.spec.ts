import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ValidationFailedError } from '@patchbay/platform';
import { ConnectionChecks } from './connection-checks.service.js';

describe('ConnectionChecks without a connector catalogue', () => {
  const checks = new ConnectionChecks(null, pino({ level: 'silent' }));

  it('falls back to the auth type rule: basic needs parameters.username', async () => {
    await assert.rejects(
      checks.checkCreate(
        { connectorId: 'http', authType: 'basic', parameters: {}, secrets: { password: 'pw' } },
        'body',
      ),
      (error: unknown) =>
        error instanceof ValidationFailedError &&
        error.problems.map((p) => p.path).join() === 'body.parameters.username',
    );
    await checks.checkCreate(
      { connectorId: 'http', authType: 'basic', parameters: { username: 'u' }, secrets: { password: 'pw' } },
      'body',
    );
  });

  it('opens client certificate material', async () => {
    await assert.rejects(
      checks.checkCreate(
        { connectorId: 'http', authType: 'clientCertificate', parameters: {}, secrets: { pfx: 'AAAA' } },
        'request',
      ),
      (error: unknown) =>
        error instanceof ValidationFailedError && error.problems[0]?.path === 'request.secrets.pfx',
    );
  });
});
