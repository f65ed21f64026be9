import { CustomConnectors1764200000000 } from './migrations/1764200000000-custom-connectors.js';
import { ConnectionBudgets1764210000000 } from './migrations/1764210000000-connection-budgets.js';

/** The Postgres schema connector-runtime owns. */
export const CONNECTOR_RUNTIME_SCHEMA = 'connector_runtime';
/** Tables are read and written with SQL (`CustomConnectorStore`); no entities. */
export const CONNECTOR_RUNTIME_ENTITIES: string[] = [];
export const CONNECTOR_RUNTIME_MIGRATIONS = [CustomConnectors1764200000000, ConnectionBudgets1764210000000];
