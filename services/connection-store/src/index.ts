/**
 * @patchbay/connection-store as a library: start the service in-process (tests of other services use it
 * as their real connection-store). The service itself starts from main.ts.
 */
export { startConnectionStore } from './connection-store.app.js';
export { SERVICE_NAME } from './app.module.js';
export {
  connectionStoreEnvSchema,
  toConnectionStoreConfig,
  type ConnectionStoreConfig,
} from './config/connection-store.config.js';
