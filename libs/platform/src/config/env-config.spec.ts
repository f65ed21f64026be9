import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { kafkaSecurityConfig } from '../kafka/kafka-client.js';
import { commonEnvSchema, ConfigError, kafkaSecurityOf, loadEnvConfig } from './env-config.js';

const BASE = { KAFKA_BROKERS: 'kafka-0:9093,kafka-1:9093' };
const PASSWORD = 'not-a-real-password-7f3a';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadEnvConfig(commonEnvSchema, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('configuration was accepted');
}

describe('commonEnvSchema: Kafka security variables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-env-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to plaintext without SASL', () => {
    const config = loadEnvConfig(commonEnvSchema, BASE);
    assert.deepEqual(kafkaSecurityOf(config), { ssl: false });
    assert.deepEqual(kafkaSecurityConfig(kafkaSecurityOf(config)), { ssl: false });
    assert.equal(config.KAFKA_CONSUMER_CONCURRENCY, 6);
  });

  it('maps TLS and each SASL mechanism to the kafkajs options', () => {
    for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
      const config = loadEnvConfig(commonEnvSchema, {
        ...BASE,
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: mechanism,
        KAFKA_SASL_USERNAME: 'patchbay',
        KAFKA_SASL_PASSWORD: PASSWORD,
      });
      assert.deepEqual(kafkaSecurityConfig(kafkaSecurityOf(config)), {
        ssl: true,
        sasl: { mechanism, username: 'patchbay', password: PASSWORD },
      });
    }
  });

  it('reads the CA file into the TLS options', () => {
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = loadEnvConfig(commonEnvSchema, { ...BASE, KAFKA_SSL: '1', KAFKA_SSL_CA_FILE: caFile });
    assert.deepEqual(kafkaSecurityConfig(kafkaSecurityOf(config)), {
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] },
    });
  });

  it('names KAFKA_SSL_CA_FILE when the file cannot be read', () => {
    const missing = join(dir, 'absent.pem');
    const config = loadEnvConfig(commonEnvSchema, { ...BASE, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: missing });
    assert.throws(
      () => kafkaSecurityConfig(kafkaSecurityOf(config)),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 1 &&
        error.problems[0] === `KAFKA_SSL_CA_FILE: cannot read ${missing} (ENOENT)`,
    );
  });

  it('names the missing user name and password of a SASL mechanism, never the values given', () => {
    assert.deepEqual(problemsOf({ ...BASE, KAFKA_SASL_MECHANISM: 'scram-sha-512' }), [
      'KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM=scram-sha-512',
      'KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM=scram-sha-512',
    ]);
    const problems = problemsOf({ ...BASE, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: PASSWORD });
    assert.deepEqual(problems, ['KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM=plain']);
  });

  it('refuses credentials without a mechanism, a CA file without TLS, and unknown values', () => {
    assert.deepEqual(
      problemsOf({ ...BASE, KAFKA_SASL_USERNAME: 'patchbay', KAFKA_SASL_PASSWORD: PASSWORD }),
      [
        'KAFKA_SASL_USERNAME: is set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)',
        'KAFKA_SASL_PASSWORD: is set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)',
      ],
    );
    assert.deepEqual(problemsOf({ ...BASE, KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' }), [
      'KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is not true',
    ]);
    const [mechanism, ...rest] = problemsOf({ ...BASE, KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SSL: 'yes' });
    assert.match(mechanism ?? '', /^KAFKA_SSL: /);
    assert.equal(rest.length, 1);
    assert.match(rest[0] ?? '', /^KAFKA_SASL_MECHANISM: .*"plain"\|"scram-sha-256"\|"scram-sha-512"/);
    for (const problem of problemsOf({ ...BASE, KAFKA_SASL_PASSWORD: PASSWORD }))
      assert.ok(!problem.includes(PASSWORD), 'a problem shows the password');
  });

  it('keeps the check in a service schema that extends it', () => {
    const serviceSchema = commonEnvSchema.extend({ PATCHBAY_HTTP_PORT: z.coerce.number().default(8080) });
    assert.throws(
      () =>
        loadEnvConfig(serviceSchema, {
          ...BASE,
          KAFKA_SASL_MECHANISM: 'scram-sha-256',
          KAFKA_SASL_USERNAME: 'u',
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.join('\n') ===
          'KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM=scram-sha-256',
    );
  });

  it('refuses an inconsistent set passed straight to kafkaSecurityOf', () => {
    assert.throws(
      () => kafkaSecurityOf({ KAFKA_SSL: false, KAFKA_SASL_MECHANISM: 'plain' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2,
    );
  });
});
