import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  WdlExpressionSyntaxError,
} from '../expression-errors.js';
import type { ExpressionNode } from './ast.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';

/**
 * Parses one expression (no leading `@`) into its syntax tree.
 *
 * Grammar: `expression := primary postfix*`, `primary := literal | '[' list ']' | identifier '(' list ')'`,
 * `postfix := '.' name | '?' '.' name | '[' expression ']' | '?' '[' expression ']'`.
 *
 * @throws WdlExpressionSyntaxError with the position and what was expected there.
 */
export function parseExpression(text: string): ExpressionNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new WdlExpressionSyntaxError(
      'ExpressionTooLong',
      text,
      MAX_EXPRESSION_LENGTH,
      '',
      `the expression is longer than the limit of ${MAX_EXPRESSION_LENGTH} characters`,
    );
  }
  const parser = new Parser(text, tokenize(text));
  const node = parser.parseExpression(0);
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseExpression(depth: number): ExpressionNode {
    if (depth > MAX_EXPRESSION_DEPTH) this.tooDeep();
    let node = this.parsePrimary(depth);
    for (let chain = depth + 1; ; chain++) {
      // Member and index chains count towards the depth: each link is one more closure at evaluation.
      if (chain > MAX_EXPRESSION_DEPTH) this.tooDeep();
      const token = this.peek();
      if (token.kind === '.') {
        this.index++;
        const name = this.expect('identifier', 'a property name');
        node = {
          kind: 'member',
          target: node,
          property: name.text,
          nullSafe: false,
          start: node.start,
          end: name.end,
        };
      } else if (token.kind === '[') {
        this.index++;
        node = this.parseIndexer(node, false, chain);
      } else if (token.kind === '?') {
        this.index++;
        const next = this.peek();
        if (next.kind === '.') {
          this.index++;
          const name = this.expect('identifier', 'a property name');
          node = {
            kind: 'member',
            target: node,
            property: name.text,
            nullSafe: true,
            start: node.start,
            end: name.end,
          };
        } else if (next.kind === '[') {
          this.index++;
          node = this.parseIndexer(node, true, chain);
        } else {
          throw this.unexpected(next, "'[' or '.' after '?'");
        }
      } else {
        return node;
      }
    }
  }

  private tooDeep(): never {
    throw new WdlExpressionSyntaxError(
      'ExpressionTooDeep',
      this.text,
      this.peek().start,
      '',
      `the expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels`,
    );
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw this.unexpected(token, 'the end of the expression');
  }

  private parseIndexer(target: ExpressionNode, nullSafe: boolean, depth: number): ExpressionNode {
    const index = this.parseExpression(depth + 1);
    const close = this.expect(']', "']'");
    return { kind: 'index', target, index, nullSafe, start: target.start, end: close.end };
  }

  private parsePrimary(depth: number): ExpressionNode {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.index++;
        return { kind: 'literal', value: token.text, isFloat: false, start: token.start, end: token.end };
      case 'integer':
      case 'float': {
        this.index++;
        const value = Number(token.text);
        if (!Number.isFinite(value)) {
          throw new WdlExpressionSyntaxError(
            'InvalidExpression',
            this.text,
            token.start,
            'a number in range',
            `the number '${token.text}' is out of range`,
          );
        }
        return {
          kind: 'literal',
          value,
          isFloat: token.kind === 'float',
          start: token.start,
          end: token.end,
        };
      }
      case '[': {
        this.index++;
        const items = this.parseList(']', depth);
        const close = this.expect(']', "',' or ']'");
        return { kind: 'array', items, start: token.start, end: close.end };
      }
      case 'identifier': {
        this.index++;
        const lower = token.text.toLowerCase();
        if (this.peek().kind !== '(') {
          if (lower === 'true' || lower === 'false') {
            return {
              kind: 'literal',
              value: lower === 'true',
              isFloat: false,
              start: token.start,
              end: token.end,
            };
          }
          if (lower === 'null')
            return { kind: 'literal', value: null, isFloat: false, start: token.start, end: token.end };
          throw this.unexpected(this.peek(), `'(' after the function name '${token.text}'`);
        }
        this.index++;
        const args = this.parseList(')', depth);
        const close = this.expect(')', "',' or ')'");
        return { kind: 'call', name: token.text, args, start: token.start, end: close.end };
      }
      default:
        throw this.unexpected(token, 'a function call or a literal');
    }
  }

  private parseList(close: TokenKind, depth: number): ExpressionNode[] {
    const items: ExpressionNode[] = [];
    if (this.peek().kind === close) return items;
    for (;;) {
      items.push(this.parseExpression(depth + 1));
      if (this.peek().kind !== ',') return items;
      this.index++;
    }
  }

  private expect(kind: TokenKind, expected: string): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.unexpected(token, expected);
    this.index++;
    return token;
  }

  private peek(): Token {
    // The token list always ends with an 'end' token and the parser never moves past it.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token;
  }

  private unexpected(token: Token, expected: string): WdlExpressionSyntaxError {
    const reason =
      token.kind === 'end' ? 'the expression ends unexpectedly' : `the ${describe(token)} is not expected`;
    return new WdlExpressionSyntaxError('InvalidExpression', this.text, token.start, expected, reason);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'identifier':
      return `name '${token.text}'`;
    case 'string':
      return `string literal '${token.text}'`;
    case 'integer':
    case 'float':
      return `number '${token.text}'`;
    default:
      return `character '${token.text}'`;
  }
}
