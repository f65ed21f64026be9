import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { infrastructureEnv, infrastructureFromEnv } from './infrastructure.js';

const complete = {
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/patchbay',
  VAULT_ADDR: 'http://127.0.0.1:8200/',
  VAULT_TOKEN: 'root-token',
};

describe('infrastructureFromEnv', () => {
  it('reads all four variables, splitting brokers and trimming the Vault address', () => {
    assert.deepEqual(infrastructureFromEnv(complete, 'env'), {
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/patchbay',
      vaultAddr: 'http://127.0.0.1:8200',
      vaultToken: 'root-token',
      source: 'env',
    });
  });

  it('returns undefined unless every variable is set and non-empty', () => {
    for (const name of Object.keys(complete)) {
      assert.equal(infrastructureFromEnv({ ...complete, [name]: undefined }, 'env'), undefined, name);
      assert.equal(infrastructureFromEnv({ ...complete, [name]: '  ' }, 'env'), undefined, name);
    }
  });

  it('round-trips through infrastructureEnv', () => {
    const infrastructure = infrastructureFromEnv(complete, 'local');
    assert.ok(infrastructure);
    assert.deepEqual(infrastructureFromEnv(infrastructureEnv(infrastructure), 'local'), infrastructure);
  });
});
