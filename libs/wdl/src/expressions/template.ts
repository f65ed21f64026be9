import type { EvaluationContext } from './evaluation-context.js';
import { WdlExpressionSyntaxError } from './expression-errors.js';
import { buildExpression, type CompiledExpression } from './runtime/compiled-expression.js';
import { parseTemplate } from './syntax/template-parser.js';
import { defineProperty, isObject, type JsonObject } from './values/value-types.js';

/**
 * A JSON value of a definition (an action's inputs, a condition, a variable value...) with every string
 * compiled. `evaluate` returns the value with each expression replaced by its result. Results may share
 * structure with the definition and with the values the context returned: treat them as immutable.
 */
export interface CompiledTemplate {
  /** Nothing to evaluate: `evaluate` returns the source value (with `@@` escapes resolved). */
  readonly isConstant: boolean;
  /** Every expression in the value, in document order (for reference checks). */
  readonly expressions: readonly CompiledExpression[];
  /**
   * @throws WdlEvaluationError, and nothing else.
   */
  evaluate(ctx: EvaluationContext): unknown;
}

const CACHE_LIMIT = 20_000;
const stringCache = new Map<string, CompiledTemplate>();
const expressionCache = new Map<string, CompiledExpression>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  // A full cache is dropped wholesale: simple, bounded, and compiling again is cheap.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Compiles a bare expression (no leading `@`), cached by its text.
 *
 * @throws WdlExpressionSyntaxError when the text is not a valid expression.
 */
export function compileExpression(text: string): CompiledExpression {
  return expressionCache.get(text) ?? remember(expressionCache, text, buildExpression(text));
}

/**
 * Compiles any JSON value: strings are read as Logic Apps reads string values (whole-value `@expr`,
 * `@{...}` interpolation, `@@` escapes); arrays and objects are walked deeply. Property names are not
 * evaluated. String templates are cached by their text.
 *
 * @throws WdlExpressionSyntaxError for the first invalid expression (see `findTemplateErrors` for all of them).
 */
export function compileTemplate(value: unknown): CompiledTemplate {
  if (typeof value === 'string') return compileString(value);
  if (Array.isArray(value)) return compileArray(value);
  if (isObject(value)) return compileObject(value);
  return constant(value);
}

function constant(value: unknown): CompiledTemplate {
  return { isConstant: true, expressions: [], evaluate: () => value };
}

function compileString(text: string): CompiledTemplate {
  const cached = stringCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseTemplate(text);
  let template: CompiledTemplate;
  switch (parsed.kind) {
    case 'literal':
      template = constant(parsed.value);
      break;
    case 'expression': {
      const expression = compileExpression(parsed.text);
      template = {
        isConstant: false,
        expressions: [expression],
        evaluate: (ctx) => expression.evaluate(ctx),
      };
      break;
    }
    case 'interpolation': {
      const parts = parsed.segments.map((segment) =>
        segment.kind === 'text' ? segment.text : compileExpression(segment.text),
      );
      const expressions = parts.filter((part): part is CompiledExpression => typeof part !== 'string');
      const evaluate = (ctx: EvaluationContext): string => {
        let out = '';
        for (const part of parts) out += typeof part === 'string' ? part : part.evaluateText(ctx);
        return out;
      };
      // `Azure @{concat('a', 'b')}` is the same string every time: fold it (constant expressions read no context).
      template = expressions.every((expression) => expression.isConstant)
        ? { isConstant: false, expressions, evaluate: constantResult(evaluate(NO_CONTEXT)) }
        : { isConstant: false, expressions, evaluate };
      break;
    }
  }
  return remember(stringCache, text, template);
}

function compileArray(items: readonly unknown[]): CompiledTemplate {
  const children = items.map(compileTemplate);
  if (children.every((child) => child.isConstant)) {
    const values = children.map((child) => child.evaluate(NO_CONTEXT));
    // Keep the definition's own array unless an `@@` escape changed one of its strings.
    return constant(values.every((value, i) => value === items[i]) ? items : values);
  }
  return {
    isConstant: false,
    expressions: children.flatMap((child) => child.expressions),
    evaluate: (ctx) => children.map((child) => child.evaluate(ctx)),
  };
}

function compileObject(object: JsonObject): CompiledTemplate {
  const keys = Object.keys(object);
  const children = keys.map((key) => compileTemplate(object[key]));
  const unsafeKeys = keys.includes('__proto__');
  const build = (values: readonly unknown[]): JsonObject => {
    const result: JsonObject = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (unsafeKeys) defineProperty(result, key, values[i]);
      else result[key] = values[i];
    }
    return result;
  };
  if (children.every((child) => child.isConstant)) {
    const values = children.map((child) => child.evaluate(NO_CONTEXT));
    return constant(values.every((value, i) => value === object[keys[i] as string]) ? object : build(values));
  }
  return {
    isConstant: false,
    expressions: children.flatMap((child) => child.expressions),
    evaluate: (ctx) => {
      const result: JsonObject = {};
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const value = (children[i] as CompiledTemplate).evaluate(ctx);
        if (unsafeKeys) defineProperty(result, key, value);
        else result[key] = value;
      }
      return result;
    },
  };
}

function constantResult(value: unknown): (ctx: EvaluationContext) => unknown {
  return () => value;
}

/** Constant templates never read the context. */
const NO_CONTEXT = {} as EvaluationContext;

/** One invalid expression found in a JSON value, with the JSON path of the string that holds it. */
export interface TemplateProblem {
  readonly path: string;
  readonly error: WdlExpressionSyntaxError;
}

/** Every invalid expression in a JSON value, for validators that report all problems at once. */
export function findTemplateErrors(value: unknown, path = '$'): TemplateProblem[] {
  if (typeof value === 'string') {
    try {
      compileString(value);
      return [];
    } catch (error) {
      if (error instanceof WdlExpressionSyntaxError) return [{ path, error }];
      throw error;
    }
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => findTemplateErrors(item, `${path}[${index}]`));
  if (isObject(value))
    return Object.keys(value).flatMap((key) =>
      findTemplateErrors(
        value[key],
        /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
      ),
    );
  return [];
}
