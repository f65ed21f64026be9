import { createLogger, exitOnBootFailure } from '@patchbay/platform';
import { loadTriggerIngestionConfig } from './config/trigger-ingestion.config.js';
import { startTriggerIngestion } from './trigger-ingestion.app.js';

async function main(): Promise<void> {
  const config = loadTriggerIngestionConfig();
  const logger = createLogger('trigger-ingestion', config.LOG_LEVEL);
  await startTriggerIngestion(config, logger);
}

main().catch(exitOnBootFailure('trigger-ingestion'));
