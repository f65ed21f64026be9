import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { JsonSchema } from '../declaration/json-schema.js';
import type { InputProblem } from '../errors/connector.error.js';

// ajv-formats is CommonJS: under nodenext its default import is the module object or the function.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

/** OpenAPI formats that say how a value is stored rather than constrain it: accepted as they are. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

/** A compiled input schema: `check` fills defaults in place and returns the problems, empty when valid. */
export interface CompiledInputSchema {
  check(inputs: unknown): InputProblem[];
}

export class SchemaCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaCompileError';
  }
}

function problemOf(error: ErrorObject): InputProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${String(params.additionalProperty)}`,
        message: 'is not an accepted property',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * Compiles operation input schemas with ajv (one instance per registry, so compiled schemas are cached).
 * Not strict: imported OpenAPI schemas carry keywords such as `x-ms-visibility` that constrain nothing.
 */
export class InputValidator {
  private readonly ajv: Ajv;

  constructor() {
    this.ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false });
    addFormats(this.ajv);
    for (const format of OPENAPI_FORMATS) this.ajv.addFormat(format, true);
  }

  compile(schema: JsonSchema, where: string): CompiledInputSchema {
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } catch (error) {
      throw new SchemaCompileError(`${where}: the schema does not compile: ${(error as Error).message}`);
    }
    return {
      check(inputs: unknown): InputProblem[] {
        if (validate(inputs)) return [];
        return (validate.errors ?? []).map(problemOf);
      },
    };
  }
}
