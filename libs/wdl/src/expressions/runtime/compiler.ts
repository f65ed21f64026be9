import type { EvaluationContext } from '../evaluation-context.js';
import { WdlExpressionSyntaxError } from '../expression-errors.js';
import type { ExpressionNode } from '../syntax/ast.js';
import { exactDecimalToNumber, formatExactDecimal } from '../dotnet/exact-decimal.js';
import { decimalEvaluator, type DecimalEvaluator } from './decimal-compilation.js';
import type { CallSite, FunctionDefinition } from './function-definition.js';
import { lookupFunction } from './function-registry.js';
import { selectIndex, selectProperty } from './property-access.js';

export type Evaluator = (ctx: EvaluationContext) => unknown;

/** A compiled syntax node: its closure plus what is known about it before any evaluation. */
export interface CompiledNode {
  readonly evaluate: Evaluator;
  /** Statically a float (literal `1.0`, `float(...)`, float arithmetic). */
  readonly isFloat: boolean;
  /** Evaluates to the same primitive every time; `value` holds it. */
  readonly constant: boolean;
  readonly value?: unknown;
  /** The exact .NET decimal value, for `decimal()` results and arithmetic on them. */
  readonly decimal?: DecimalEvaluator;
}

const NO_ARGS: readonly unknown[] = Object.freeze([]);

/**
 * Turns a syntax tree into nested closures, once. Function names are resolved and argument counts checked
 * here, so evaluation does no lookups. Calls to pure functions on literals that give a primitive are folded.
 *
 * @throws WdlExpressionSyntaxError for unknown functions and wrong argument counts.
 */
export function compileNode(node: ExpressionNode, text: string): CompiledNode {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return { evaluate: () => value, isFloat: node.isFloat, constant: true, value };
    }
    case 'array': {
      const items = node.items.map((item) => compileNode(item, text).evaluate);
      return { evaluate: (ctx) => items.map((item) => item(ctx)), isFloat: false, constant: false };
    }
    case 'member': {
      const target = compileNode(node.target, text).evaluate;
      const name = node.property;
      const nullSafe = node.nullSafe;
      return {
        evaluate: (ctx) => selectProperty(target(ctx), name, nullSafe),
        isFloat: false,
        constant: false,
      };
    }
    case 'index': {
      const target = compileNode(node.target, text).evaluate;
      const index = compileNode(node.index, text);
      const nullSafe = node.nullSafe;
      if (index.constant && typeof index.value === 'string') {
        const name = index.value;
        return {
          evaluate: (ctx) => selectProperty(target(ctx), name, nullSafe),
          isFloat: false,
          constant: false,
        };
      }
      const indexEvaluate = index.evaluate;
      return {
        evaluate: (ctx) => selectIndex(target(ctx), indexEvaluate(ctx), nullSafe),
        isFloat: false,
        constant: false,
      };
    }
    case 'call':
      return compileCall(node, text);
  }
}

function compileCall(node: Extract<ExpressionNode, { kind: 'call' }>, text: string): CompiledNode {
  const definition = lookupFunction(node.name);
  if (definition === undefined) {
    throw new WdlExpressionSyntaxError(
      'UnknownFunction',
      text,
      node.start,
      'a known function name',
      `the template function '${node.name}' is not defined or not valid`,
    );
  }
  const count = node.args.length;
  if (count < definition.minArgs || count > definition.maxArgs) {
    throw new WdlExpressionSyntaxError(
      'InvalidArgumentCount',
      text,
      node.start,
      describeArity(definition),
      `the template function '${definition.name}' was given ${count} argument(s)`,
    );
  }
  const args = node.args.map((arg) => compileNode(arg, text));
  const floatArgs = args.some((arg) => arg.isFloat);
  const site: CallSite = { name: definition.name, floatArgs };
  const isFloat =
    definition.floatResult === 'always' || (definition.floatResult === 'ifFloatArgs' && floatArgs);
  const decimal = decimalEvaluator(definition.name, args, site);
  if (decimal !== undefined) {
    // Decimal arithmetic replaces the double path, so the result is the exact value rounded once.
    return { evaluate: (ctx) => exactDecimalToNumber(decimal(ctx)), isFloat: true, constant: false, decimal };
  }
  const textOfDecimal = definition.name === 'string' ? args[0]?.decimal : undefined;
  if (textOfDecimal !== undefined) {
    return { evaluate: (ctx) => formatExactDecimal(textOfDecimal(ctx)), isFloat: false, constant: false };
  }
  const evaluate = callEvaluator(
    definition,
    args.map((arg) => arg.evaluate),
    site,
  );
  if (definition.purity === 'pure' && args.every((arg) => arg.constant)) {
    const folded = tryFold(evaluate);
    if (folded.ok) return { evaluate: () => folded.value, isFloat, constant: true, value: folded.value };
  }
  return { evaluate, isFloat, constant: false };
}

/** One closure shape per small arity, so the common calls allocate only their argument array. */
function callEvaluator(
  definition: FunctionDefinition,
  args: readonly Evaluator[],
  site: CallSite,
): Evaluator {
  const impl = definition.impl;
  switch (args.length) {
    case 0:
      return (ctx) => impl(NO_ARGS, ctx, site);
    case 1: {
      const a0 = args[0] as Evaluator;
      return (ctx) => impl([a0(ctx)], ctx, site);
    }
    case 2: {
      const a0 = args[0] as Evaluator;
      const a1 = args[1] as Evaluator;
      return (ctx) => impl([a0(ctx), a1(ctx)], ctx, site);
    }
    case 3: {
      const a0 = args[0] as Evaluator;
      const a1 = args[1] as Evaluator;
      const a2 = args[2] as Evaluator;
      return (ctx) => impl([a0(ctx), a1(ctx), a2(ctx)], ctx, site);
    }
    default:
      return (ctx) => {
        const values = new Array<unknown>(args.length);
        for (let i = 0; i < args.length; i++) values[i] = (args[i] as Evaluator)(ctx);
        return impl(values, ctx, site);
      };
  }
}

/** Pure functions never touch the context; a context that throws proves it during folding. */
const FOLDING_CONTEXT = new Proxy({} as EvaluationContext, {
  get() {
    throw new Error('a pure function read the evaluation context');
  },
});

function tryFold(evaluate: Evaluator): { ok: true; value: unknown } | { ok: false } {
  try {
    const value = evaluate(FOLDING_CONTEXT);
    // Only primitives are shared between evaluations; arrays and objects are built afresh every time.
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      return { ok: true, value };
    }
  } catch {
    // The call fails on these literals; leave the error to evaluation time, where it belongs.
  }
  return { ok: false };
}

function describeArity(definition: FunctionDefinition): string {
  if (definition.minArgs === definition.maxArgs) return `${definition.minArgs} argument(s)`;
  if (definition.maxArgs === Infinity) return `at least ${definition.minArgs} argument(s)`;
  return `${definition.minArgs} to ${definition.maxArgs} arguments`;
}
