/**
 * Runs the ajv shape schemas and turns ajv errors into definition problems with JSON paths. Validators
 * are compiled once per schema and reused.
 */
import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import { jsonPath, pointerSegments, type PathSegment } from './json-path.js';
import { jsonTypeOf, renderFound, type DefinitionProblem } from './definition-problem.js';

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const compiled = new WeakMap<SchemaObject, ValidateFunction>();

function validatorFor(schema: SchemaObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function valueAt(root: unknown, segments: PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function toProblem(error: ErrorObject, value: unknown, base: PathSegment[]): DefinitionProblem {
  const segments = [...base, ...pointerSegments(error.instancePath)];
  const params = error.params as Record<string, unknown>;
  const at = valueAt(value, pointerSegments(error.instancePath));
  switch (error.keyword) {
    case 'required': {
      const name = String(params['missingProperty']);
      const path = jsonPath([...segments, name]);
      return {
        path,
        code: 'missing-property',
        expected: `property '${name}'`,
        found: 'missing',
        message: `${path} is required.`,
      };
    }
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      const path = jsonPath([...segments, name]);
      const properties = (error.parentSchema as SchemaObject | undefined)?.['properties'] as
        Record<string, unknown> | undefined;
      const allowed = Object.keys(properties ?? {});
      return {
        path,
        code: 'unknown-property',
        expected: allowed.length > 0 ? `one of ${allowed.join(', ')}` : 'no such property',
        found: name,
        message: `${path}: property '${name}' is not allowed here.`,
      };
    }
    case 'type': {
      const path = jsonPath(segments);
      const expected = String(params['type']).replace(/,/g, ' or ');
      return {
        path,
        code: 'invalid-type',
        expected,
        found: jsonTypeOf(at),
        message: `${path} must be ${expected}, found ${jsonTypeOf(at)}.`,
      };
    }
    case 'anyOf': {
      const path = jsonPath(segments);
      const expected = String(
        (error.parentSchema as SchemaObject | undefined)?.['description'] ?? 'a different shape',
      );
      return {
        path,
        code: 'invalid-type',
        expected,
        found: renderFound(at),
        message: `${path} must be ${expected}.`,
      };
    }
    case 'pattern':
    case 'enum': {
      const path = jsonPath(segments);
      const expected =
        error.keyword === 'pattern'
          ? String(
              (error.parentSchema as SchemaObject | undefined)?.['description'] ??
                `a string matching ${String(params['pattern'])}`,
            )
          : `one of ${(params['allowedValues'] as unknown[]).map((v) => String(v)).join(', ')}`;
      return {
        path,
        code: 'invalid-value',
        expected,
        found: renderFound(at),
        message: `${path} must be ${expected}, found ${renderFound(at)}.`,
      };
    }
    default: {
      const path = jsonPath(segments);
      const code = [
        'minimum',
        'maximum',
        'minItems',
        'maxItems',
        'minLength',
        'maxLength',
        'minProperties',
        'maxProperties',
      ].includes(error.keyword)
        ? 'out-of-range'
        : 'invalid-value';
      const expected = error.message ?? error.keyword;
      return { path, code, expected, found: renderFound(at), message: `${path} ${expected}.` };
    }
  }
}

/**
 * Checks `value` against `schema`; problem paths start at `base`. Errors nested under an `anyOf` are
 * folded into the one `anyOf` problem, which says what was expected.
 */
export function checkShape(schema: SchemaObject, value: unknown, base: PathSegment[]): DefinitionProblem[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const anyOfPaths = errors
    .filter((e) => e.keyword === 'anyOf')
    .map((e) => e.schemaPath.replace(/\/anyOf$/, '/anyOf/'));
  const kept = errors.filter((e) => !anyOfPaths.some((prefix) => e.schemaPath.startsWith(prefix)));
  const seen = new Set<string>();
  const problems: DefinitionProblem[] = [];
  for (const error of kept) {
    const problem = toProblem(error, value, base);
    const key = `${problem.path}|${problem.code}|${problem.expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
