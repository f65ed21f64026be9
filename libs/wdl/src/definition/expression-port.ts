/**
 * The one seam between the definition validator / interpreter and the expression engine
 * (`../expressions`): everything in `definition/` and `interpreter/` reaches the engine through this
 * file, so the engine's API is adapted in one place.
 */
import {
  collectReferences,
  compileTemplate,
  isExpressionString,
  WdlEvaluationError,
  WdlExpressionSyntaxError,
  type CompiledTemplate,
} from '../expressions/index.js';

export { compileTemplate, type CompiledTemplate };

/** True when the string is an expression or holds an `@{...}` interpolation. */
export function isTemplateString(text: string): boolean {
  return isExpressionString(text);
}

function compiled(text: string): CompiledTemplate | WdlExpressionSyntaxError {
  try {
    return compileTemplate(text);
  } catch (error) {
    if (error instanceof WdlExpressionSyntaxError) return error;
    throw error;
  }
}

/**
 * Functions of the Standard runtime that read its host (app settings) rather than the run. Valid WDL,
 * not available in Patchbay yet: reported as an unsupported feature, not as a syntax error.
 */
const HOST_FUNCTIONS: Record<string, string> = { appsetting: 'app-settings' };

export type TemplateCheck = { ok: true } | { ok: false; message: string; unsupportedFeature?: string };

/** Syntax-checks one template string. */
export function checkTemplateSyntax(text: string): TemplateCheck {
  const result = compiled(text);
  if (!(result instanceof WdlExpressionSyntaxError)) return { ok: true };
  if (result.code === 'UnknownFunction') {
    for (const [name, feature] of Object.entries(HOST_FUNCTIONS)) {
      if (new RegExp(`\\b${name}\\s*\\(`, 'i').test(text))
        return { ok: false, message: result.message, unsupportedFeature: feature };
    }
  }
  return { ok: false, message: result.message };
}

/** Names of the actions a template string reads (`body('x')`, `actions('x')`, `result('x')`, ...). */
export function referencedActionNames(text: string): string[] {
  const result = compiled(text);
  return result instanceof WdlExpressionSyntaxError ? [] : [...collectReferences(result).actions];
}

/**
 * Names given to `result()` anywhere in a JSON value of a definition, or `undefined` when some template
 * computes an action name (then any action may be read) or does not compile.
 */
export function resultReferences(value: unknown): Set<string> | undefined {
  const names = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (!isExpressionString(next)) continue;
      const result = compiled(next);
      if (result instanceof WdlExpressionSyntaxError) return undefined;
      const references = collectReferences(result);
      if (references.hasDynamicReferences) return undefined;
      for (const name of references.results) names.add(name);
    } else if (next !== null && typeof next === 'object') {
      const children: unknown[] = Array.isArray(next) ? (next as unknown[]) : Object.values(next);
      stack.push(...children);
    }
  }
  return names;
}

/** Whether an error came from the expression engine (a template that does not parse or evaluate). */
export function isExpressionError(error: unknown): error is WdlEvaluationError | WdlExpressionSyntaxError {
  return error instanceof WdlEvaluationError || error instanceof WdlExpressionSyntaxError;
}
