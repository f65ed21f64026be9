/**
 * Workflow parameter values for a run: supplied values override `defaultValue` (or a Standard inline
 * `value`). Supplied values for names the definition does not declare are kept, because Standard
 * workflows read app-level parameters they do not declare.
 */
import { valueMatchesParameterType, type WorkflowDefinition } from '../definition/index.js';

export interface ParameterProblem {
  name: string;
  message: string;
}

export function resolveParameters(
  definition: WorkflowDefinition,
  supplied: Record<string, unknown> = {},
): { values: Record<string, unknown>; problems: ParameterProblem[] } {
  const values: Record<string, unknown> = { ...supplied };
  const problems: ParameterProblem[] = [];
  for (const [name, declaration] of Object.entries(definition.parameters ?? {})) {
    const given = Object.prototype.hasOwnProperty.call(supplied, name);
    const inline = (declaration as unknown as Record<string, unknown>)['value'];
    const value = given
      ? supplied[name]
      : declaration.defaultValue !== undefined
        ? declaration.defaultValue
        : inline;
    if (value === undefined) continue;
    if (given && value !== null && !valueMatchesParameterType(declaration.type, value)) {
      problems.push({
        name,
        message: `The value supplied for parameter '${name}' does not match its type '${declaration.type}'.`,
      });
    }
    const allowed = declaration.allowedValues;
    if (
      given &&
      Array.isArray(allowed) &&
      !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))
    ) {
      problems.push({
        name,
        message: `The value supplied for parameter '${name}' is not one of its allowed values.`,
      });
    }
    values[name] = value;
  }
  return { values, problems };
}
