import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadEnvConfig } from '@patchbay/platform';
import { connectorRuntimeEnvSchema, toConnectorRuntimeConfig } from './connector-runtime.config.js';

const base = { KAFKA_BROKERS: 'kafka:9093', DATABASE_URL: 'postgres://u@127.0.0.1:5432/patchbay' };

describe('connector-runtime configuration', () => {
  it('passes Kafka TLS, SASL and consumer concurrency on to the Kafka client', () => {
    const config = toConnectorRuntimeConfig(
      loadEnvConfig(connectorRuntimeEnvSchema, {
        ...base,
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'runtime',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_CONSUMER_CONCURRENCY: '12',
      }),
    );
    assert.deepEqual(config.kafka.security, {
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'runtime', password: 'p' },
    });
    assert.equal(config.kafka.consumerConcurrency, 12);
  });

  it('serves the default environment unless told otherwise, in a consumer group per environment', () => {
    const plain = toConnectorRuntimeConfig(loadEnvConfig(connectorRuntimeEnvSchema, base));
    assert.equal(plain.executionEnvironment, 'default');
    assert.equal(plain.kafka.groupId, 'connector-runtime');
    const onPrem = toConnectorRuntimeConfig(
      loadEnvConfig(connectorRuntimeEnvSchema, { ...base, PATCHBAY_EXECUTION_ENVIRONMENT: 'plant-east' }),
    );
    assert.equal(onPrem.executionEnvironment, 'plant-east');
    assert.equal(onPrem.kafka.groupId, 'connector-runtime.env.plant-east');
    assert.throws(
      () =>
        loadEnvConfig(connectorRuntimeEnvSchema, { ...base, PATCHBAY_EXECUTION_ENVIRONMENT: 'Plant East' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems[0] ===
          "PATCHBAY_EXECUTION_ENVIRONMENT: expected 1-40 characters from a-z 0-9 -, starting and ending with a letter or digit (e.g. 'on-prem-berlin')",
    );
  });

  it('needs DATABASE_URL and a complete SASL setting, naming each', () => {
    assert.throws(
      () =>
        loadEnvConfig(connectorRuntimeEnvSchema, {
          KAFKA_BROKERS: 'kafka:9093',
          KAFKA_SASL_MECHANISM: 'plain',
        }),
      (error: unknown) => error instanceof ConfigError && /^DATABASE_URL: /.test(error.problems[0] ?? ''),
    );
    assert.throws(
      () => loadEnvConfig(connectorRuntimeEnvSchema, { ...base, KAFKA_SASL_MECHANISM: 'plain' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.join('\n') ===
          'KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM=plain\n' +
            'KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM=plain',
    );
  });
});
