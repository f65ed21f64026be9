/**
 * TypeScript shapes of a WDL workflow definition. Values that may hold expressions are `unknown`:
 * they are JSON with embedded `@` templates and only get a type once evaluated.
 */

/** Workflow parameter types; `securestring`/`secureobject` are never returned by reads. */
export type ParameterType =
  'int' | 'float' | 'string' | 'bool' | 'array' | 'object' | 'securestring' | 'secureobject';

export interface ParameterDefinition {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  metadata?: Record<string, unknown>;
}

export interface OutputDefinition {
  type: string;
  value: unknown;
}

/** runAfter statuses as the definition spells them. */
export type RunAfterStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut';

export interface RuntimeConfiguration {
  concurrency?: { repetitions?: number; runs?: number; maximumWaitingRuns?: number };
  secureData?: { properties?: string[] };
  staticResult?: { name: string; staticResultOptions?: string };
  paginationPolicy?: { minimumItemCount?: number };
  [key: string]: unknown;
}

export interface ActionDefinition {
  type: string;
  kind?: string;
  inputs?: unknown;
  runAfter?: Record<string, string[]>;
  description?: string;
  runtimeConfiguration?: RuntimeConfiguration;
  operationOptions?: string;
  limit?: { count?: unknown; timeout?: unknown };
  trackedProperties?: Record<string, unknown>;
  /** If, Switch, Until. */
  expression?: unknown;
  /** Foreach. */
  foreach?: unknown;
  /** If (true branch), Foreach, Until, Scope. */
  actions?: Record<string, ActionDefinition>;
  /** If. */
  else?: { actions?: Record<string, ActionDefinition> };
  /** Switch. */
  cases?: Record<string, { case: unknown; actions?: Record<string, ActionDefinition> }>;
  /** Switch. */
  default?: { actions?: Record<string, ActionDefinition> };
  [key: string]: unknown;
}

export interface TriggerDefinition {
  type: string;
  kind?: string;
  inputs?: unknown;
  recurrence?: { frequency?: string; interval?: number; [key: string]: unknown };
  conditions?: { expression: unknown }[];
  splitOn?: string;
  operationOptions?: string;
  runtimeConfiguration?: RuntimeConfiguration;
  [key: string]: unknown;
}

export interface StaticResultDefinition {
  status?: string;
  outputs?: Record<string, unknown>;
  error?: unknown;
}

export interface WorkflowDefinition {
  $schema?: string;
  contentVersion?: string;
  parameters?: Record<string, ParameterDefinition>;
  triggers?: Record<string, TriggerDefinition>;
  actions?: Record<string, ActionDefinition>;
  outputs?: Record<string, OutputDefinition>;
  staticResults?: Record<string, StaticResultDefinition>;
  description?: string;
}

/** A Standard `workflow.json`: `{ definition, kind }`. */
export interface WorkflowDocument {
  definition: WorkflowDefinition;
  kind?: string;
}
