import { CustomConnectors1764200000000 } from './migrations/1764200000000-custom-connectors.js';

/** The Postgres schema connector-runtime owns. */
export const CONNECTOR_RUNTIME_SCHEMA = 'connector_runtime';
/** Tables are read and written with SQL (`CustomConnectorStore`); no entities. */
export const CONNECTOR_RUNTIME_ENTITIES: string[] = [];
export const CONNECTOR_RUNTIME_MIGRATIONS = [CustomConnectors1764200000000];
