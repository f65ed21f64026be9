import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedConnectionData } from '../../execution/connector.js';
import {
  applyConnectionAuthentication,
  applyInlineAuthentication,
  type OutgoingRequest,
} from './http-auth.js';

function outgoing(headers: Record<string, string> = {}): OutgoingRequest {
  return { url: new URL('https://api.example.com/v1/items?x=1'), headers };
}

function connection(
  authType: string,
  parameters: Record<string, unknown>,
  secrets: Record<string, string>,
): ResolvedConnectionData {
  return { connectionId: 'c', connectionName: 'crm', connectorId: 'http', authType, parameters, secrets };
}

describe('connection authentication', () => {
  it('puts an apiKey in the default header', () => {
    const request = outgoing();
    assert.equal(
      applyConnectionAuthentication(request, connection('apiKey', {}, { apiKey: 'k1' })),
      undefined,
    );
    assert.deepEqual(request.headers, { 'X-API-Key': 'k1' });
  });

  it('puts an apiKey in the named header, replacing any spelling of it', () => {
    const request = outgoing({ 'x-api-key': 'from-inputs' });
    applyConnectionAuthentication(
      request,
      connection('apiKey', { headerName: 'X-Api-Key' }, { apiKey: 'k1' }),
    );
    assert.deepEqual(request.headers, { 'X-Api-Key': 'k1' });
  });

  it('puts an apiKey in the named query parameter', () => {
    const request = outgoing();
    applyConnectionAuthentication(request, connection('apiKey', { queryName: 'key' }, { apiKey: 'k 1' }));
    assert.equal(request.url.toString(), 'https://api.example.com/v1/items?x=1&key=k+1');
    assert.deepEqual(request.headers, {});
  });

  it('builds Basic from parameters.username and secrets.password', () => {
    const request = outgoing({ authorization: 'old' });
    applyConnectionAuthentication(request, connection('basic', { username: 'ann' }, { password: 'pw:1' }));
    assert.deepEqual(request.headers, {
      Authorization: `Basic ${Buffer.from('ann:pw:1').toString('base64')}`,
    });
  });

  it('builds Bearer from secrets.token', () => {
    const request = outgoing();
    applyConnectionAuthentication(request, connection('bearer', {}, { token: 't0k' }));
    assert.deepEqual(request.headers, { Authorization: 'Bearer t0k' });
  });

  it('names what is missing, never a value', () => {
    assert.deepEqual(applyConnectionAuthentication(outgoing(), connection('basic', {}, { password: 'pw' })), {
      problem: 'it needs parameters.username and the secret password',
    });
    assert.deepEqual(applyConnectionAuthentication(outgoing(), connection('oauth2', {}, {})), {
      problem: 'its secret token (or accessToken) is missing',
    });
    assert.deepEqual(applyConnectionAuthentication(outgoing(), connection('kerberos', {}, {})), {
      problem: "authType 'kerberos' is not supported by the Http connector",
    });
    assert.deepEqual(applyConnectionAuthentication(outgoing(), connection('clientCertificate', {}, {})), {
      problem: 'it needs the secret pfx, or a certificate and the secret privateKey',
    });
  });

  it('applies inline Basic and Raw authentication', () => {
    const basic = outgoing();
    applyInlineAuthentication(basic, { kind: 'basic', username: 'u', password: 'p' });
    assert.equal(basic.headers.Authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
    const raw = outgoing();
    applyInlineAuthentication(raw, { kind: 'raw', value: 'SharedKey abc' });
    assert.equal(raw.headers.Authorization, 'SharedKey abc');
  });
});
