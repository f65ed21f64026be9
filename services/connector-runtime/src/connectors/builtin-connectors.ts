import type { ConnectorDeclaration } from '@patchbay/connector-sdk';
import type { ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { ftpConnector } from './files/ftp.connector.js';
import { sftpConnector } from './files/sftp.connector.js';
import { HttpConnector } from './http/http.connector.js';
import { kafkaConnector } from './kafka/kafka.connector.js';
import { postgresqlConnector } from './postgresql/postgresql.connector.js';
import { smtpConnector } from './smtp/smtp.connector.js';

/** Every built-in connector declaration, built from the service's configuration. */
export function builtinConnectors(config: ConnectorRuntimeConfig): ConnectorDeclaration[] {
  return [
    new HttpConnector({
      timeoutMs: config.http.actionTimeoutMs,
      maxResponseBytes: config.http.maxResponseBytes,
    }).declaration(),
    postgresqlConnector(config.connectorTimeoutMs),
    smtpConnector(config.connectorTimeoutMs),
    kafkaConnector(config.connectorTimeoutMs),
    ftpConnector(config.connectorTimeoutMs),
    sftpConnector(config.connectorTimeoutMs),
  ];
}
