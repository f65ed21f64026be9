/**
 * The syntax tree of one expression (the text after `@`, or inside `@{...}`). Positions are offsets into
 * that text, `end` exclusive.
 */
export type ExpressionNode = LiteralNode | ArrayLiteralNode | CallNode | MemberNode | IndexNode;

interface NodeSpan {
  readonly start: number;
  readonly end: number;
}

/** `'text'`, `42`, `4.2`, `true`, `false`, `null`. `isFloat` marks numbers written with a fraction or exponent. */
export interface LiteralNode extends NodeSpan {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly isFloat: boolean;
}

/** `[1, 2, 3]`: accepted because the WDL schema page shows `length([1, 2, 3])`. */
export interface ArrayLiteralNode extends NodeSpan {
  readonly kind: 'array';
  readonly items: readonly ExpressionNode[];
}

/** `name(arg, ...)`. `name` is as written; function lookup is case-insensitive. */
export interface CallNode extends NodeSpan {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ExpressionNode[];
}

/** `target.property` or, with `?`, `target?.property`. */
export interface MemberNode extends NodeSpan {
  readonly kind: 'member';
  readonly target: ExpressionNode;
  readonly property: string;
  readonly nullSafe: boolean;
}

/** `target[index]` or, with `?`, `target?[index]`. */
export interface IndexNode extends NodeSpan {
  readonly kind: 'index';
  readonly target: ExpressionNode;
  readonly index: ExpressionNode;
  readonly nullSafe: boolean;
}
