import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { ConfigError, type KafkaSecurity } from '../config/env-config.js';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  logger: Logger;
  /** TLS and SASL (`kafkaSecurityOf` of the service's config); plaintext without authentication when absent. */
  security?: KafkaSecurity | undefined;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go to the structured logger. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[LEVELS[level] ?? 'info'](rest, message);
      },
    retry: { initialRetryTime: 100, retries: 8 },
    ...kafkaSecurityConfig(options.security),
  });
}

/** The kafkajs `ssl` and `sasl` options; reads the CA file, failing with a `ConfigError` that names it. */
export function kafkaSecurityConfig(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (security === undefined) return {};
  let ssl: KafkaConfig['ssl'] = security.ssl;
  if (security.ssl && security.caFile !== undefined) {
    try {
      ssl = { ca: [readFileSync(security.caFile, 'utf8')] };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError([`KAFKA_SSL_CA_FILE: cannot read ${security.caFile} (${reason})`]);
    }
  }
  // The union of per-mechanism option types does not narrow from a union-typed mechanism.
  return { ssl, ...(security.sasl === undefined ? {} : { sasl: { ...security.sasl } as SASLOptions }) };
}
