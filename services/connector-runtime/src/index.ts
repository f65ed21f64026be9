/**
 * @patchbay/connector-runtime as a library: start the service in-process (end-to-end tests). The service
 * itself starts from main.ts.
 */
export { startConnectorRuntime, CONNECTOR_RUNTIME_TOPICS } from './connector-runtime.app.js';
export { SERVICE_NAME } from './app.module.js';
export {
  connectorRuntimeEnvSchema,
  toConnectorRuntimeConfig,
  type ConnectorRuntimeConfig,
} from './config/connector-runtime.config.js';
