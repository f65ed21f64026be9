/**
 * A problem found in a workflow definition. `code` is stable and machine-readable; `path` is a JSON path
 * into the definition object (after the `{definition, kind}` wrapper, when there is one, is removed the
 * paths still start at the definition: `$.actions.Foo`).
 */
export interface DefinitionProblem {
  /** JSON path, e.g. `$.actions.Foo.runAfter.Bar`. */
  path: string;
  code: DefinitionProblemCode;
  /** What the schema or rule expects, in a few words. */
  expected: string;
  /** What the definition holds, as a short rendering. */
  found: string;
  message: string;
  /** For `unsupported-feature`: the feature's name (e.g. `inline-code`), for counting. */
  feature?: string;
}

/** Stable problem codes. `unsupported-feature` marks valid WDL that Patchbay does not execute yet. */
export const DEFINITION_PROBLEM_CODES = [
  'not-an-object',
  'missing-property',
  'invalid-type',
  'invalid-value',
  'unknown-property',
  'unknown-action-type',
  'unknown-trigger-type',
  'unsupported-feature',
  'expression-syntax',
  'unknown-run-after-target',
  'run-after-cycle',
  'invalid-run-after-status',
  'duplicate-action-name',
  'unknown-action-reference',
  'unknown-parameter',
  'unknown-variable',
  'unknown-static-result',
  'invalid-placement',
  'limit-exceeded',
  'out-of-range',
  'conflicting-options',
  'invalid-duration',
] as const;

export type DefinitionProblemCode = (typeof DEFINITION_PROBLEM_CODES)[number];

/** Short, bounded rendering of a found value for `found`. */
export function renderFound(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    // JSON.stringify gives undefined for functions and symbols only.
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** JSON type name of a value (`object`, `array`, `string`, `integer`, `number`, `boolean`, `null`). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
