/**
 * Accepts a definition in either shape the platform meets: a bare WDL definition, or a Standard
 * `workflow.json` document `{ "definition": {...}, "kind": "Stateful" }`.
 */
import type { WorkflowDefinition } from './definition-types.js';
import type { PathSegment } from './json-path.js';

export interface UnwrappedDefinition {
  /** The definition object (not yet validated). */
  definition: unknown;
  /** `kind` of a Standard workflow document (`Stateful`, `Stateless`, `Agentic`, ...), if any. */
  kind?: unknown;
  /** Path segments from the input root to the definition: `[]` or `['definition']`. */
  base: PathSegment[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when `value` looks like `{definition, kind}` rather than a bare definition. */
export function isWorkflowDocument(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    isPlainObject(value['definition']) &&
    !('triggers' in value) &&
    !('actions' in value) &&
    Object.keys(value).every((key) => key === 'definition' || key === 'kind')
  );
}

/** Separates the definition from a Standard document wrapper, when there is one. */
export function unwrapDefinition(input: unknown): UnwrappedDefinition {
  if (isWorkflowDocument(input)) {
    const doc = input as Record<string, unknown>;
    return { definition: doc['definition'], kind: doc['kind'], base: ['definition'] };
  }
  return { definition: input, base: [] };
}

/** The definition object of either shape, typed for callers that validated it already. */
export function definitionOf(input: unknown): WorkflowDefinition {
  return unwrapDefinition(input).definition as WorkflowDefinition;
}
