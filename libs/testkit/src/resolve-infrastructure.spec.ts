import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestkitError } from './errors.js';
import type { Infrastructure } from './infrastructure.js';
import {
  containerSource,
  envSource,
  resolveInfrastructureFrom,
  type InfrastructureSource,
} from './resolve-infrastructure.js';

const local: Infrastructure = {
  kafkaBrokers: ['127.0.0.1:1'],
  databaseUrl: 'postgres://postgres@127.0.0.1:2/patchbay',
  vaultAddr: 'http://127.0.0.1:3',
  vaultToken: 't',
  source: 'local',
};

function source(name: string, found: Infrastructure | undefined, calls: string[]): InfrastructureSource {
  return {
    name,
    find: async () => {
      calls.push(name);
      return found;
    },
  };
}

describe('resolveInfrastructureFrom', () => {
  it('returns the first source that finds something and does not ask the later ones', async () => {
    const calls: string[] = [];
    const found = await resolveInfrastructureFrom([
      source('env', undefined, calls),
      source('testcontainers', { ...local, source: 'testcontainers' }, calls),
      source('deploy/local', local, calls),
    ]);
    assert.equal(found.source, 'testcontainers');
    assert.deepEqual(calls, ['env', 'testcontainers']);
  });

  it('fails with INFRA_NOT_FOUND naming every source when none finds anything', async () => {
    await assert.rejects(
      resolveInfrastructureFrom([source('env', undefined, []), source('deploy/local', undefined, [])]),
      (error: unknown) =>
        error instanceof TestkitError &&
        error.code === 'INFRA_NOT_FOUND' &&
        /env, deploy\/local/.test(error.message),
    );
  });
});

describe('envSource', () => {
  it('does not apply when the variables are incomplete', async () => {
    assert.equal(await envSource({ DATABASE_URL: 'postgres://x@127.0.0.1:1/patchbay' }).find(), undefined);
  });

  it('fails with INFRA_ENV_UNREACHABLE when the variables point at nothing', async () => {
    const env = {
      KAFKA_BROKERS: '127.0.0.1:1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/patchbay',
      VAULT_ADDR: 'http://127.0.0.1:1',
      VAULT_TOKEN: 't',
    };
    await assert.rejects(envSource(env).find(), (error: unknown) => {
      assert.ok(error instanceof TestkitError);
      assert.equal(error.code, 'INFRA_ENV_UNREACHABLE');
      for (const part of ['postgres:', 'kafka:', 'vault:']) assert.match(error.message, new RegExp(part));
      return true;
    });
  });
});

describe('containerSource', () => {
  it('is skipped when PATCHBAY_TESTKIT_CONTAINERS=off', async () => {
    assert.equal(await containerSource({ PATCHBAY_TESTKIT_CONTAINERS: 'off' }).find(), undefined);
  });
});
