import type { ExpressionNode } from './syntax/ast.js';
import type { CompiledExpression } from './runtime/compiled-expression.js';
import { lookupFunction } from './runtime/function-registry.js';
import type { CompiledTemplate } from './template.js';

/** What a template or expression refers to, for the definition validator (references, runAfter). */
export interface ExpressionReferences {
  /** Action names read through actions(), body(), outputs(), result(), actionBody(), actionOutputs(), formDataValue(), formDataMultiValues(), multipartBody(). */
  readonly actions: readonly string[];
  /** Canonical names of every function called. */
  readonly functions: readonly string[];
  readonly parameters: readonly string[];
  readonly variables: readonly string[];
  /** Names given to result() (also listed in `actions`). */
  readonly results: readonly string[];
  /** Loop names given to items() and iterationIndexes(). */
  readonly loops: readonly string[];
  /** trigger(), triggerBody(), triggerOutputs() or the trigger form-data/multipart functions are used. */
  readonly usesTrigger: boolean;
  /** item() is used (only valid inside a Foreach, splitOn or a Select/Query/Table mapping). */
  readonly usesItem: boolean;
  /** Some name argument is computed (not a string literal), so the lists above may be incomplete. */
  readonly hasDynamicReferences: boolean;
}

const ACTION_FUNCTIONS = new Set([
  'actions',
  'body',
  'outputs',
  'result',
  'actionbody',
  'actionoutputs',
  'formdatavalue',
  'formdatamultivalues',
  'multipartbody',
]);
const TRIGGER_FUNCTIONS = new Set([
  'trigger',
  'triggerbody',
  'triggeroutputs',
  'triggerformdatavalue',
  'triggerformdatamultivalues',
  'triggermultipartbody',
]);

/** Collects the references of one or more compiled templates or expressions. */
export function collectReferences(
  ...compiled: ReadonlyArray<CompiledTemplate | CompiledExpression>
): ExpressionReferences {
  const actions = new Set<string>();
  const functions = new Set<string>();
  const parameters = new Set<string>();
  const variables = new Set<string>();
  const loops = new Set<string>();
  const results = new Set<string>();
  let usesTrigger = false;
  let usesItem = false;
  let hasDynamicReferences = false;

  const nameArgument = (node: Extract<ExpressionNode, { kind: 'call' }>, into: Set<string>): void => {
    const first = node.args[0];
    if (first?.kind === 'literal' && typeof first.value === 'string') into.add(first.value);
    else if (first !== undefined) hasDynamicReferences = true;
  };

  const visit = (node: ExpressionNode): void => {
    switch (node.kind) {
      case 'literal':
        return;
      case 'array':
        node.items.forEach(visit);
        return;
      case 'member':
        visit(node.target);
        return;
      case 'index':
        visit(node.target);
        visit(node.index);
        return;
      case 'call': {
        const lower = node.name.toLowerCase();
        functions.add(lookupFunction(node.name)?.name ?? node.name);
        if (ACTION_FUNCTIONS.has(lower)) nameArgument(node, actions);
        if (lower === 'result') nameArgument(node, results);
        else if (lower === 'parameters') nameArgument(node, parameters);
        else if (lower === 'variables') nameArgument(node, variables);
        else if (lower === 'items' || lower === 'iterationindexes') nameArgument(node, loops);
        else if (TRIGGER_FUNCTIONS.has(lower)) usesTrigger = true;
        else if (lower === 'item') usesItem = true;
        node.args.forEach(visit);
        return;
      }
    }
  };

  for (const item of compiled) {
    const expressions = 'ast' in item ? [item] : item.expressions;
    for (const expression of expressions) visit(expression.ast);
  }
  return {
    actions: [...actions],
    functions: [...functions],
    parameters: [...parameters],
    variables: [...variables],
    results: [...results],
    loops: [...loops],
    usesTrigger,
    usesItem,
    hasDynamicReferences,
  };
}

/** Names of the actions a template or expression reads (see `collectReferences` for everything else). */
export function referencedActions(compiled: CompiledTemplate | CompiledExpression): string[] {
  return [...collectReferences(compiled).actions];
}
