import { createLogger, exitOnBootFailure, loadEnvConfig } from '@patchbay/platform';
import { SERVICE_NAME } from './app.module.js';
import { connectionStoreEnvSchema, toConnectionStoreConfig } from './config/connection-store.config.js';
import { startConnectionStore } from './connection-store.app.js';

async function main(): Promise<void> {
  const config = toConnectionStoreConfig(loadEnvConfig(connectionStoreEnvSchema));
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  await startConnectionStore(config, logger);
}

main().catch(exitOnBootFailure(SERVICE_NAME));
