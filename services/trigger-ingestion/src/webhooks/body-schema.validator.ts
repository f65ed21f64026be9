import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldProblem } from '@patchbay/platform';

/** The outcome of checking a body against a trigger's JSON schema. */
export type SchemaCheck = { ok: true } | { ok: false; problems: FieldProblem[] };

/** Thrown when a trigger's schema itself cannot be compiled (a fault of the workflow, not of the caller). */
export class UncompilableSchemaError extends Error {}

const MAX_CACHED = 5_000;

/**
 * Validates Request trigger bodies against the trigger's `inputs.schema` with Ajv, reporting every problem with
 * its JSON pointer under `body`. Compiled validators are cached per workflow version and trigger.
 */
export class BodySchemaValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  private readonly cache = new Map<string, ValidateFunction>();

  check(cacheKey: string, schema: unknown, body: unknown): SchemaCheck {
    const validate = this.compiled(cacheKey, schema);
    if (validate(body)) return { ok: true };
    return { ok: false, problems: (validate.errors ?? []).map(toProblem) };
  }

  private compiled(cacheKey: string, schema: unknown): ValidateFunction {
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(withoutMetaSchema(schema));
    } catch (error) {
      throw new UncompilableSchemaError(error instanceof Error ? error.message : String(error));
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(cacheKey, validate);
    return validate;
  }
}

/** Logic Apps schemas often name draft-04 in `$schema`; the keywords they use mean the same in Ajv's draft. */
function withoutMetaSchema(schema: unknown): object | boolean {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    throw new UncompilableSchemaError('the schema must be a JSON object');
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function toProblem(error: ErrorObject): FieldProblem {
  const params = error.params as Record<string, unknown>;
  let path = `body${error.instancePath}`;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string')
    path = `${path}/${params.missingProperty}`;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
    path = `${path}/${params.additionalProperty}`;
  const problem: FieldProblem = { path, message: error.message ?? `fails '${error.keyword}'` };
  if (error.keyword === 'type' && typeof params.type === 'string') problem.expected = params.type;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues))
    problem.expected = `one of ${JSON.stringify(params.allowedValues)}`;
  return problem;
}
