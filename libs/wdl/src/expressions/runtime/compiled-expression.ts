import type { EvaluationContext } from '../evaluation-context.js';
import { toEvaluationError, WdlExpressionSyntaxError } from '../expression-errors.js';
import type { ExpressionNode } from '../syntax/ast.js';
import { parseExpression } from '../syntax/parser.js';
import { formatExactDecimal } from '../dotnet/exact-decimal.js';
import { toTemplateString } from '../values/value-text.js';
import { compileNode, type Evaluator } from './compiler.js';
import type { DecimalEvaluator } from './decimal-compilation.js';

/** One compiled expression (the text after `@` or inside `@{...}`): parse once, evaluate many times. */
export interface CompiledExpression {
  readonly text: string;
  readonly ast: ExpressionNode;
  /** Always gives the same primitive (a literal, or a pure call on literals). */
  readonly isConstant: boolean;
  /**
   * @throws WdlEvaluationError, and nothing else.
   */
  evaluate(ctx: EvaluationContext): unknown;
  /**
   * The value as interpolation prints it. Same as `toTemplateString(evaluate(ctx))`, except that `decimal()`
   * results print every digit of their .NET decimal value.
   *
   * @throws WdlEvaluationError, and nothing else.
   */
  evaluateText(ctx: EvaluationContext): string;
}

/** Compiles without caching; `compileExpression` in template.ts adds the cache. */
export function buildExpression(text: string): CompiledExpression {
  let ast: ExpressionNode;
  let evaluator: Evaluator;
  let isConstant: boolean;
  let decimal: DecimalEvaluator | undefined;
  try {
    ast = parseExpression(text);
    const node = compileNode(ast, text);
    evaluator = node.evaluate;
    isConstant = node.constant;
    decimal = node.decimal;
  } catch (error) {
    if (error instanceof WdlExpressionSyntaxError) throw error;
    // Stack exhaustion or a bug: still a typed error, and still about this expression.
    throw new WdlExpressionSyntaxError(
      'InvalidExpression',
      text,
      0,
      '',
      `the expression could not be compiled (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return {
    text,
    ast,
    isConstant,
    evaluate(ctx: EvaluationContext): unknown {
      try {
        return evaluator(ctx);
      } catch (error) {
        throw toEvaluationError(error, text);
      }
    },
    evaluateText(ctx: EvaluationContext): string {
      try {
        return decimal === undefined ? toTemplateString(evaluator(ctx)) : formatExactDecimal(decimal(ctx));
      } catch (error) {
        throw toEvaluationError(error, text);
      }
    },
  };
}
