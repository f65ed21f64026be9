/**
 * ParseJson: parses `content` (JSON text, or an already parsed value) and validates it against
 * `schema` with ajv. On a schema mismatch the action fails with `ValidationFailed` and still exposes
 * the parsed body, as Logic Apps does.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { Outcome, RunSession } from '../run-session.js';
import { evaluateValue } from '../template-evaluation.js';

// Designer-generated schemas come in several drafts; keywords are read leniently, schemas are not
// meta-validated, and unknown formats are ignored rather than rejected.
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: false });
const validators = new Map<string, ValidateFunction>();
const CACHE_SIZE = 256;

function validatorFor(schema: Record<string, unknown>, actionName: string): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = validators.get(key);
  if (known !== undefined) return known;
  const { $schema: _ignored, ...rest } = schema;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(rest);
  } catch (error) {
    throw new ActionFailure(
      'InvalidJsonSchema',
      `The schema of action '${actionName}' cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (validators.size >= CACHE_SIZE) {
    const oldest = validators.keys().next();
    if (oldest.done !== true) validators.delete(oldest.value);
  }
  validators.set(key, validate);
  return validate;
}

export function runParseJson(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const inputs = (node.definition.inputs ?? {}) as Record<string, unknown>;
  const content = evaluateValue(session, inputs['content'], ctx, node.name);
  const schema = evaluateValue(session, inputs['schema'], ctx, node.name);
  let body: unknown = content;
  if (typeof content === 'string') {
    try {
      body = JSON.parse(content) as unknown;
    } catch {
      throw new ActionFailure('InvalidJSON', `The 'content' of action '${node.name}' is not valid JSON.`);
    }
  }
  const recordedInputs = { content, schema };
  if (schema !== null && typeof schema === 'object' && !Array.isArray(schema)) {
    const validate = validatorFor(schema as Record<string, unknown>, node.name);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((e) => ({
        path: e.instancePath === '' ? '/' : e.instancePath,
        message: e.message ?? e.keyword,
      }));
      return {
        status: 'Failed',
        inputs: recordedInputs,
        outputs: { body, errors },
        code: 'ValidationFailed',
        error: {
          code: 'ValidationFailed',
          message: `The schema validation failed: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        },
      };
    }
  }
  return { status: 'Succeeded', inputs: recordedInputs, outputs: { body }, code: 'OK' };
}
