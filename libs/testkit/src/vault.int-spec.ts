import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Infrastructure } from './infrastructure.js';
import { resolveInfrastructure } from './resolve-infrastructure.js';
import { uniqueName } from './unique-name.js';

/** Minimal Vault HTTP call for these specs; the product's Vault client lives in connection-store. */
async function vault(
  infrastructure: Infrastructure,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${infrastructure.vaultAddr}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': infrastructure.vaultToken, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function field(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined,
    value,
  );
}

describe('Vault from resolveInfrastructure', () => {
  let infrastructure: Infrastructure;

  before(async () => {
    infrastructure = await resolveInfrastructure();
  });

  it('writes and reads a KV v2 secret at secret/, with versions', async () => {
    const path = `secret/data/${uniqueName('testkit')}`;
    const first = await vault(infrastructure, 'POST', path, { data: { password: 's3cret-1' } });
    assert.equal(first.status, 200);
    assert.equal(field(first.json, 'data', 'version'), 1);
    const second = await vault(infrastructure, 'POST', path, {
      data: { password: 's3cret-2' },
      options: { cas: 1 },
    });
    assert.equal(field(second.json, 'data', 'version'), 2);

    const read = await vault(infrastructure, 'GET', path);
    assert.equal(read.status, 200);
    assert.deepEqual(field(read.json, 'data', 'data'), { password: 's3cret-2' });
    assert.equal(field(read.json, 'data', 'metadata', 'version'), 2);

    const stale = await vault(infrastructure, 'POST', path, { data: { password: 'x' }, options: { cas: 1 } });
    assert.equal(stale.status, 400, 'check-and-set rejects a stale version');
  });

  it('encrypts and decrypts with Transit', async () => {
    const key = uniqueName('testkit');
    const created = await vault(infrastructure, 'POST', `transit/keys/${key}`, {});
    assert.ok([200, 204].includes(created.status), `create key: HTTP ${created.status}`);
    const plaintext = Buffer.from('connection secret', 'utf8').toString('base64');

    const encrypted = await vault(infrastructure, 'POST', `transit/encrypt/${key}`, { plaintext });
    const ciphertext = field(encrypted.json, 'data', 'ciphertext');
    assert.equal(typeof ciphertext, 'string');
    assert.match(ciphertext as string, /^vault:v1:/);
    assert.ok(!(ciphertext as string).includes(plaintext));

    const decrypted = await vault(infrastructure, 'POST', `transit/decrypt/${key}`, { ciphertext });
    assert.equal(field(decrypted.json, 'data', 'plaintext'), plaintext);
  });
});
