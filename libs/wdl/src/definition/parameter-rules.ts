/**
 * Workflow parameters and outputs: default values match the declared type and the allowed values.
 */
import { jsonPath, type PathSegment } from './json-path.js';
import { jsonTypeOf, renderFound, type DefinitionProblem } from './definition-problem.js';
import { LIMITS } from './limits.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether a JSON value fits a WDL parameter type (`int`, `float`, `string`, ...). */
export function valueMatchesParameterType(type: string, value: unknown): boolean {
  switch (type.toLowerCase()) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number';
    case 'string':
    case 'securestring':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'secureobject':
      return isPlainObject(value);
    default:
      return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function checkParameters(parameters: unknown, base: PathSegment[]): DefinitionProblem[] {
  if (!isPlainObject(parameters)) return [];
  const problems: DefinitionProblem[] = [];
  const entries = Object.entries(parameters);
  if (entries.length > LIMITS.parametersPerWorkflow) {
    const path = jsonPath([...base, 'parameters']);
    problems.push({
      path,
      code: 'limit-exceeded',
      expected: `at most ${LIMITS.parametersPerWorkflow} parameters`,
      found: String(entries.length),
      message: `${path}: too many parameters.`,
    });
  }
  for (const [name, parameter] of entries) {
    if (!isPlainObject(parameter) || typeof parameter['type'] !== 'string') continue;
    const type = parameter['type'];
    const at = [...base, 'parameters', name];
    const defaultValue = parameter['defaultValue'];
    // Standard definitions leave defaults of object parameters empty and ARM fills them, so only a
    // present, non-null default that contradicts the type is a problem.
    if (
      defaultValue !== undefined &&
      defaultValue !== null &&
      !valueMatchesParameterType(type, defaultValue)
    ) {
      const path = jsonPath([...at, 'defaultValue']);
      problems.push({
        path,
        code: 'invalid-type',
        expected: `a value of type ${type}`,
        found: jsonTypeOf(defaultValue),
        message: `${path}: the default value does not match type ${type}.`,
      });
    }
    const allowed = parameter['allowedValues'];
    if (
      Array.isArray(allowed) &&
      defaultValue !== undefined &&
      !allowed.some((v) => deepEqual(v, defaultValue))
    ) {
      const path = jsonPath([...at, 'defaultValue']);
      problems.push({
        path,
        code: 'invalid-value',
        expected: `one of the allowed values ${renderFound(allowed)}`,
        found: renderFound(defaultValue),
        message: `${path}: the default value is not among allowedValues.`,
      });
    }
  }
  return problems;
}

export function checkOutputs(outputs: unknown, base: PathSegment[]): DefinitionProblem[] {
  if (!isPlainObject(outputs)) return [];
  const count = Object.keys(outputs).length;
  if (count <= LIMITS.outputsPerWorkflow) return [];
  const path = jsonPath([...base, 'outputs']);
  return [
    {
      path,
      code: 'limit-exceeded',
      expected: `at most ${LIMITS.outputsPerWorkflow} outputs`,
      found: String(count),
      message: `${path}: too many outputs.`,
    },
  ];
}
