/**
 * Typed errors of the expression engine. Nothing else leaves the engine: unexpected JavaScript errors are
 * wrapped into {@link WdlEvaluationError} with code `InternalError`.
 */

/** Why an expression could not be compiled. Stable codes; the validator reports them as definition problems. */
export type WdlExpressionSyntaxErrorCode =
  | 'InvalidExpression'
  | 'ExpressionTooLong'
  | 'ExpressionTooDeep'
  | 'UnknownFunction'
  | 'InvalidArgumentCount';

/** Maximum length of one expression (the text after `@` or inside `@{...}`), as in Logic Apps. */
export const MAX_EXPRESSION_LENGTH = 8192;
/** Maximum nesting of calls, indexers and array literals. Keeps the parser and the closures off deep recursion. */
export const MAX_EXPRESSION_DEPTH = 100;

/**
 * An expression that cannot be parsed or compiled. `position` is the zero-based offset in `expression`
 * where the problem was found and `expected` says what the parser wanted there.
 */
export class WdlExpressionSyntaxError extends Error {
  override readonly name = 'WdlExpressionSyntaxError';
  readonly retryable = false;

  constructor(
    readonly code: WdlExpressionSyntaxErrorCode,
    readonly expression: string,
    readonly position: number,
    readonly expected: string,
    readonly reason: string,
  ) {
    super(
      `The template language expression '${clip(expression)}' is not valid: ${reason} at position '${position}'` +
        (expected === '' ? '.' : `; expected ${expected}.`),
    );
  }
}

/** Why an evaluation failed. Stable codes; the interpreter maps them onto the action's error. */
export type WdlEvaluationErrorCode =
  | 'InvalidArgumentType'
  | 'InvalidArgumentValue'
  | 'PropertyNotFound'
  | 'PropertySelectionNotSupported'
  | 'IndexOutOfRange'
  | 'DivideByZero'
  | 'InvalidFormat'
  | 'InvalidLocale'
  | 'InvalidTimeZone'
  | 'InvalidJson'
  | 'InvalidXml'
  | 'InvalidXPath'
  | 'ResultTooLarge'
  | 'ParameterNotFound'
  | 'VariableNotFound'
  | 'ActionNotFound'
  | 'NotInScope'
  | 'NotAvailable'
  | 'InternalError';

export interface WdlEvaluationErrorDetails {
  readonly functionName?: string;
  readonly argumentIndex?: number;
  readonly expression?: string;
}

/**
 * An expression that parsed but failed while it was evaluated. `reason` is the Logic Apps style sentence
 * ("The template language function 'div' cannot divide by zero."); `message` adds the expression text.
 */
export class WdlEvaluationError extends Error {
  override readonly name = 'WdlEvaluationError';
  readonly retryable = false;
  readonly functionName: string | undefined;
  /** Zero-based index of the offending argument, when one argument is to blame. */
  readonly argumentIndex: number | undefined;
  readonly expression: string | undefined;

  constructor(
    readonly code: WdlEvaluationErrorCode,
    readonly reason: string,
    details: WdlEvaluationErrorDetails = {},
  ) {
    super(
      details.expression === undefined
        ? `Unable to process template language expressions. ${reason}`
        : `Unable to process template language expressions in '${clip(details.expression)}'. ${reason}`,
    );
    this.functionName = details.functionName;
    this.argumentIndex = details.argumentIndex;
    this.expression = details.expression;
  }

  /** The same error, with the text of the expression that raised it. */
  withExpression(expression: string): WdlEvaluationError {
    if (this.expression !== undefined) return this;
    return new WdlEvaluationError(this.code, this.reason, {
      functionName: this.functionName,
      argumentIndex: this.argumentIndex,
      expression,
    });
  }
}

/** Wraps anything thrown during evaluation so that only typed errors leave the engine. */
export function toEvaluationError(error: unknown, expression: string): WdlEvaluationError {
  if (error instanceof WdlEvaluationError) return error.withExpression(expression);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new WdlEvaluationError('InternalError', `The expression could not be evaluated (${detail}).`, {
    expression,
  });
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
