export type { JsonSchema, JsonValue } from './declaration/json-schema.js';
export type {
  AuthType,
  ConnectionParameterDeclaration,
  ConnectionParameterType,
  OAuth2ProviderSettings,
} from './declaration/connection-parameters.declaration.js';
export {
  defineAction,
  definePollingTrigger,
  definePushTrigger,
  type ActionDeclaration,
  type ActionResult,
  type OperationDeclaration,
  type OperationDisplay,
  type PollingTriggerDeclaration,
  type PollResult,
  type PushTriggerDeclaration,
  type TriggerDeclaration,
} from './declaration/operation.declaration.js';
export {
  defineConnector,
  type ConnectorDeclaration,
  type ConnectorDisplay,
  type ConnectorKind,
} from './declaration/connector.declaration.js';
export type {
  CheckedAddress,
  ClientTlsOptions,
  ConnectorLogger,
  ConnectorNetwork,
  OperationContext,
  ResolvedConnection,
} from './context/operation-context.js';
export {
  ConnectorError,
  ConnectorErrorCode,
  EgressDeniedError,
  InvalidInputsError,
  type ConnectorErrorOptions,
  type InputProblem,
} from './errors/connector.error.js';
export {
  InputValidator,
  SchemaCompileError,
  type CompiledInputSchema,
} from './validation/input-validator.js';
export {
  ConnectorDeclarationError,
  ConnectorRegistry,
  requireAction,
  requireTrigger,
} from './registry/connector-registry.js';
export {
  RegisteredAction,
  RegisteredConnector,
  RegisteredPollingTrigger,
  RegisteredPushTrigger,
  type RegisteredTrigger,
} from './registry/registered-connector.js';
