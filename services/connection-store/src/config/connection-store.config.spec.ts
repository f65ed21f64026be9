import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadEnvConfig } from '@patchbay/platform';
import { connectionStoreEnvSchema, toConnectionStoreConfig } from './connection-store.config.js';

const base = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/patchbay',
  VAULT_ADDR: 'http://127.0.0.1:8200',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadEnvConfig(connectionStoreEnvSchema, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a configuration error');
}

describe('connection-store configuration', () => {
  it('uses token auth by default and wants VAULT_TOKEN for it', () => {
    assert.deepEqual(problems(base), ['VAULT_TOKEN: is required when VAULT_AUTH_METHOD=token']);
    const config = toConnectionStoreConfig(
      loadEnvConfig(connectionStoreEnvSchema, { ...base, VAULT_TOKEN: 't' }),
    );
    assert.deepEqual(config.vault.auth, { method: 'token', token: 't' });
  });

  it('asks connector-runtime catalogue by default; off only when said so; a bad URL is named', () => {
    const load = (env: Record<string, string>) =>
      toConnectionStoreConfig(loadEnvConfig(connectionStoreEnvSchema, { ...base, VAULT_TOKEN: 't', ...env }));
    assert.equal(load({}).connectorCatalog?.url, 'http://127.0.0.1:8082');
    assert.equal(
      load({ PATCHBAY_CONNECTOR_CATALOG_URL: 'http://runtime:8082' }).connectorCatalog?.url,
      'http://runtime:8082',
    );
    assert.equal(load({ PATCHBAY_CONNECTOR_CATALOG_URL: 'off' }).connectorCatalog, undefined);
    assert.equal(load({}).vault.databaseMount, 'database');
    assert.deepEqual(
      problems({ ...base, VAULT_TOKEN: 't', PATCHBAY_CONNECTOR_CATALOG_URL: 'runtime' }).map(
        (p) => p.split(':')[0],
      ),
      ['PATCHBAY_CONNECTOR_CATALOG_URL'],
    );
  });

  it('takes AppRole credentials, naming each missing one', () => {
    assert.deepEqual(problems({ ...base, VAULT_AUTH_METHOD: 'approle' }), [
      'VAULT_APPROLE_ROLE_ID: is required when VAULT_AUTH_METHOD=approle',
      'VAULT_APPROLE_SECRET_ID: is required when VAULT_AUTH_METHOD=approle',
    ]);
    const config = toConnectionStoreConfig(
      loadEnvConfig(connectionStoreEnvSchema, {
        ...base,
        VAULT_AUTH_METHOD: 'approle',
        VAULT_APPROLE_ROLE_ID: 'r',
        VAULT_APPROLE_SECRET_ID: 's',
      }),
    );
    assert.deepEqual(config.vault.auth, { method: 'approle', roleId: 'r', secretId: 's', mount: 'approle' });
  });

  it('takes the Kubernetes settings the Helm chart passes', () => {
    const config = toConnectionStoreConfig(
      loadEnvConfig(connectionStoreEnvSchema, {
        ...base,
        VAULT_AUTH_METHOD: 'kubernetes',
        VAULT_K8S_ROLE: 'patchbay',
        VAULT_K8S_MOUNT: 'k8s-prod',
        VAULT_K8S_TOKEN_PATH: '/var/run/secrets/patchbay/vault/token',
      }),
    );
    assert.deepEqual(config.vault.auth, {
      method: 'kubernetes',
      role: 'patchbay',
      mount: 'k8s-prod',
      tokenPath: '/var/run/secrets/patchbay/vault/token',
    });
    assert.deepEqual(problems({ ...base, VAULT_AUTH_METHOD: 'kubernetes' }), [
      'VAULT_K8S_ROLE: is required when VAULT_AUTH_METHOD=kubernetes',
    ]);
  });

  it('refuses an unknown auth method', () => {
    assert.match(
      problems({ ...base, VAULT_AUTH_METHOD: 'ldap', VAULT_TOKEN: 't' })[0]!,
      /^VAULT_AUTH_METHOD: /,
    );
  });

  it('takes Kafka TLS and SASL like the other services, naming what a mechanism lacks', () => {
    const kafka = { ...base, VAULT_TOKEN: 't', KAFKA_BROKERS: 'kafka:9093', KAFKA_SSL: 'true' };
    assert.deepEqual(
      problems({ ...kafka, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' }),
      ['KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM=scram-sha-512'],
    );
    const config = toConnectionStoreConfig(
      loadEnvConfig(connectionStoreEnvSchema, {
        ...kafka,
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    );
    assert.deepEqual(config.kafkaSecurity, {
      ssl: true,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
    });
    const plain = toConnectionStoreConfig(
      loadEnvConfig(connectionStoreEnvSchema, { ...base, VAULT_TOKEN: 't' }),
    );
    assert.deepEqual(plain.kafkaSecurity, { ssl: false });
  });
});
