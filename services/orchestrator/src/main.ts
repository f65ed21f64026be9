import { createLogger, exitOnBootFailure } from '@patchbay/platform';
import { loadOrchestratorConfig } from './config/orchestrator.config.js';
import { startOrchestrator } from './orchestrator.app.js';

const SERVICE = 'orchestrator';

async function main(): Promise<void> {
  const config = loadOrchestratorConfig();
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  await startOrchestrator(config, logger);
}

main().catch(exitOnBootFailure(SERVICE));
