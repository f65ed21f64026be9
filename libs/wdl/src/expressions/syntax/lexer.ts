import { WdlExpressionSyntaxError } from '../expression-errors.js';

export type TokenKind =
  'identifier' | 'string' | 'integer' | 'float' | '(' | ')' | '[' | ']' | ',' | '.' | '?' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, unescaped string value, or number text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION: ReadonlySet<string> = new Set(['(', ')', '[', ']', ',', '.', '?']);

/**
 * Splits an expression into tokens in one left-to-right pass (no regular expressions, so no backtracking).
 * String literals use single quotes; a doubled quote inside one stands for a quote.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === 39 /* ' */) {
      let value = '';
      let segmentStart = i + 1;
      i++;
      for (;;) {
        if (i >= length) {
          throw new WdlExpressionSyntaxError(
            'InvalidExpression',
            text,
            start,
            "a closing quote (')",
            'the string literal is not terminated',
          );
        }
        if (text.charCodeAt(i) === 39) {
          if (i + 1 < length && text.charCodeAt(i + 1) === 39) {
            value += text.slice(segmentStart, i + 1);
            i += 2;
            segmentStart = i;
            continue;
          }
          value += text.slice(segmentStart, i);
          i++;
          break;
        }
        i++;
      }
      tokens.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (
      isDigit(c) ||
      ((c === 45 /* - */ || c === 43) /* + */ && startsNumber(text, i + 1)) ||
      (c === 46 && isDigitAt(text, i + 1) && !followsValue(tokens))
    ) {
      i = scanNumber(text, i, tokens);
      continue;
    }
    if (isIdentifierStart(c)) {
      i++;
      while (i < length && isIdentifierPart(text.charCodeAt(i))) i++;
      // A property name after `.` may contain hyphens (`headers.Content-Type`); function names may not.
      if (tokens.length > 0 && tokens[tokens.length - 1]?.kind === '.') {
        while (i < length && (text.charCodeAt(i) === 45 || isIdentifierPart(text.charCodeAt(i)))) i++;
      }
      tokens.push({ kind: 'identifier', text: text.slice(start, i), start, end: i });
      continue;
    }
    const ch = text[i] as string;
    if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, start, end: i + 1 });
      i++;
      continue;
    }
    throw new WdlExpressionSyntaxError(
      'InvalidExpression',
      text,
      i,
      'a function call, a literal or an operator',
      `the character '${ch}' is not expected`,
    );
  }
  tokens.push({ kind: 'end', text: '', start: length, end: length });
  return tokens;
}

function scanNumber(text: string, start: number, tokens: Token[]): number {
  const length = text.length;
  let i = start;
  let isFloat = false;
  if (text[i] === '-' || text[i] === '+') i++;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  if (i < length && text[i] === '.' && isDigitAt(text, i + 1)) {
    isFloat = true;
    i++;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
  }
  if (i < length && (text[i] === 'e' || text[i] === 'E')) {
    let j = i + 1;
    if (j < length && (text[j] === '+' || text[j] === '-')) j++;
    if (isDigitAt(text, j)) {
      isFloat = true;
      i = j;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
    }
  }
  if (i < length && isIdentifierPart(text.charCodeAt(i))) {
    throw new WdlExpressionSyntaxError(
      'InvalidExpression',
      text,
      i,
      'a delimiter after the number',
      `the character '${text[i] ?? ''}' is not expected`,
    );
  }
  tokens.push({ kind: isFloat ? 'float' : 'integer', text: text.slice(start, i), start, end: i });
  return i;
}

/** A leading `.` starts a number (`.3`) only where a value may begin, not after `)` or `]` (member access). */
function followsValue(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return (
    last !== undefined &&
    (last.kind === ')' || last.kind === ']' || last.kind === 'identifier' || last.kind === 'string')
  );
}

function startsNumber(text: string, i: number): boolean {
  return isDigitAt(text, i) || (text[i] === '.' && isDigitAt(text, i + 1));
}

function isDigitAt(text: string, i: number): boolean {
  return i < text.length && isDigit(text.charCodeAt(i));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff;
}

function isIdentifierStart(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 /* _ */ ||
    c === 36 /* $ */ ||
    (c > 0x7f && c !== 0xa0 && c !== 0xfeff)
  );
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}
