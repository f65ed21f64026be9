/** Small helpers the rule files share to build problems. */
import { jsonPath, type PathSegment } from './json-path.js';
import type { DefinitionProblem, DefinitionProblemCode } from './definition-problem.js';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A problem at `segments`; the message is prefixed with the path. */
export function problemAt(
  segments: PathSegment[],
  code: DefinitionProblemCode,
  expected: string,
  found: string,
  message: string,
): DefinitionProblem {
  const path = jsonPath(segments);
  return { path, code, expected, found, message: `${path}: ${message}` };
}
