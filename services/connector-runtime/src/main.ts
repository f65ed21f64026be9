import { createLogger, exitOnBootFailure, loadEnvConfig } from '@patchbay/platform';
import { SERVICE_NAME } from './app.module.js';
import { connectorRuntimeEnvSchema, toConnectorRuntimeConfig } from './config/connector-runtime.config.js';
import { startConnectorRuntime } from './connector-runtime.app.js';

async function main(): Promise<void> {
  const config = toConnectorRuntimeConfig(loadEnvConfig(connectorRuntimeEnvSchema));
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  await startConnectorRuntime(config, logger);
}

main().catch(exitOnBootFailure(SERVICE_NAME));
