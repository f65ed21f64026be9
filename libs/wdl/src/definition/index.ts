/**
 * Workflow definitions: the schema, the validator and the read-only views the interpreter builds on.
 */
export { validateDefinition, assertValidDefinition, type ValidationResult } from './definition-validator.js';
export {
  DEFINITION_PROBLEM_CODES,
  type DefinitionProblem,
  type DefinitionProblemCode,
} from './definition-problem.js';
export { WdlDefinitionError } from './definition-errors.js';
export {
  unwrapDefinition,
  definitionOf,
  isWorkflowDocument,
  type UnwrappedDefinition,
} from './workflow-document.js';
export {
  actionTypeInfo,
  triggerTypeInfo,
  knownActionTypes,
  type ActionCategory,
  type ActionTypeInfo,
  type ContainerKind,
  type TriggerCategory,
  type TriggerTypeInfo,
} from './operation-types.js';
export {
  buildActionTree,
  ROOT_CONTAINER,
  type ActionNode,
  type ActionTree,
  type ContainerNode,
  type BranchKind,
} from './action-tree.js';
export {
  OPERATION_OPTIONS,
  parseOperationOptions,
  hasOperationOption,
  type OperationOption,
} from './operation-options.js';
export { parseIsoDuration, unitDurationMs } from './iso-duration.js';
export { LIMITS } from './limits.js';
export { jsonPath, type PathSegment } from './json-path.js';
export { valueMatchesParameterType } from './parameter-rules.js';
export type * from './definition-types.js';
export { hasResponseAction } from './definition-queries.js';
export { canonicalRunAfterStatus, RUN_AFTER_STATUSES } from './run-after-rules.js';
