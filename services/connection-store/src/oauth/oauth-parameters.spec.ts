import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsOf, oauthSecrets } from './oauth-parameters.js';

describe('oauthSecrets', () => {
  const expiresAt = new Date('2026-11-26T12:00:00.000Z');

  it('keeps the client secret and only the token fields', () => {
    assert.deepEqual(
      oauthSecrets('cs', { accessToken: 'a', refreshToken: 'r2', expiresAt, scope: 'api:read' }, 'r1'),
      {
        clientSecret: 'cs',
        accessToken: 'a',
        refreshToken: 'r2',
        expiresAt: '2026-11-26T12:00:00.000Z',
        scope: 'api:read',
      },
    );
  });

  it('keeps the previous refresh token when the provider did not rotate it', () => {
    assert.equal(
      oauthSecrets(undefined, { accessToken: 'a', expiresAt, scope: '' }, 'r1').refreshToken,
      'r1',
    );
    assert.equal(
      'clientSecret' in oauthSecrets(undefined, { accessToken: 'a', expiresAt, scope: '' }),
      false,
    );
  });
});

describe('endpointsOf', () => {
  it('reads the provider settings from the parameters', () => {
    assert.deepEqual(
      endpointsOf({
        parameters: { tokenUrl: 'https://t', clientId: 'c', scopes: ['x'], issuer: 'https://i' },
      }),
      { tokenUrl: 'https://t', clientId: 'c', scopes: ['x'], issuer: 'https://i' },
    );
  });
});
