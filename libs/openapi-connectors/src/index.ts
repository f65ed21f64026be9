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
export type { OperationResult } from './model/operation-result.js';
export { importConnector, type ImportOptions } from './import/connector-importer.js';
export type { DefinitionInput } from './import/definition-source.js';
export {
  fromApiConnectionInputs,
  toApiConnectionInputs,
  type ApiConnectionInputs,
  type OperationInputs,
} from './execute/operation-inputs.js';
export { matchOperation, operationById, type OperationMatch } from './execute/operation-matcher.js';
export { operationInputSchema, checkOperationInputs } from './execute/input-schema.js';
export type { ConnectionValues } from './execute/connection-template.js';
export {
  authSchemeOf,
  baseUrlFor,
  buildWireRequest,
  type BuildOptions,
  type WireRequest,
} from './execute/request-builder.js';
export {
  decodeBody,
  executeApiConnection,
  executeOperation,
  sendWireRequest,
  type ExecuteOptions,
} from './execute/operation-executor.js';
export { applyBodyTransforms } from './execute/body-transforms.js';
export { MAX_PAGINATION_ITEMS, type PaginationRequest } from './execute/paging.js';
export {
  startMockServer,
  successResponse,
  type MockExchange,
  type MockServer,
  type MockServerOptions,
} from './mock/mock-server.js';
export { sampleConnection, sampleInputs, sampleOf } from './mock/sample-values.js';
export { schemaProblems } from './mock/request-checker.js';
export {
  resolveDynamicSchema,
  resolveDynamicValues,
  valueAt,
  type DynamicValue,
  type OperationCaller,
} from './dynamic/dynamic-lookup.js';
export {
  connectionValuesOf,
  toConnectorDeclaration,
  toConnectorError,
  type DeclarationOptions,
} from './sdk/connector-declaration.js';
