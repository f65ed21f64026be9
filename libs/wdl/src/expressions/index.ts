/**
 * The WDL `@` expression language: templates (JSON values with `@expr`, `@{...}` and `@@`), a parser with
 * typed syntax errors, closures compiled once and evaluated many times, and the functions of the Logic Apps
 * expression reference. Pure: time, ids and randomness come from the {@link EvaluationContext}.
 */
export type { EvaluationContext } from './evaluation-context.js';
export {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  WdlEvaluationError,
  WdlExpressionSyntaxError,
  type WdlEvaluationErrorCode,
  type WdlExpressionSyntaxErrorCode,
} from './expression-errors.js';
export type {
  ArrayLiteralNode,
  CallNode,
  ExpressionNode,
  IndexNode,
  LiteralNode,
  MemberNode,
} from './syntax/ast.js';
export { parseExpression } from './syntax/parser.js';
export {
  isExpressionString,
  parseTemplate,
  type ParsedTemplate,
  type TemplateSegment,
} from './syntax/template-parser.js';
export type { CompiledExpression } from './runtime/compiled-expression.js';
export { functionNames } from './runtime/function-registry.js';
export {
  compileExpression,
  compileTemplate,
  findTemplateErrors,
  type CompiledTemplate,
  type TemplateProblem,
} from './template.js';
export { collectReferences, referencedActions, type ExpressionReferences } from './reference-collector.js';
export { createStaticEvaluationContext, type StaticContextData } from './static-evaluation-context.js';
export { toTemplateString } from './values/value-text.js';
export { valuesEqual } from './values/value-equality.js';
export { isContentEnvelope, type ContentEnvelope } from './values/binary-content.js';
