/**
 * @patchbay/openapi-connectors: custom connectors from Swagger 2.0 / OpenAPI 3.x definitions and Power
 * Platform `apiProperties.json`.
 * - import: `importConnector` -> `ImportedConnector` (operations, triggers, connection parameters, auth);
 * - execute: ApiConnection inputs -> HTTP request -> parsed response;
 * - dynamic: design-time `x-ms-dynamic-values` / `x-ms-dynamic-schema` lookups through the connector itself;
 * - mock: a server derived from the definition's schemas, for conformance and tests.
 */
export * from './errors.js';
export * from './model/imported-connector.js';
export { importConnector, type ImportOptions } from './import/connector-importer.js';
export type { DefinitionInput } from './import/definition-source.js';
