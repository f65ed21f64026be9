/**
 * Rules on individual actions that a shape schema cannot express: type lookup, placement, limits,
 * option conflicts, durations, variable names, static results.
 */
import type { ActionNode, ActionTree } from './action-tree.js';
import { ACTION_SCHEMAS } from './action-shape-schemas.js';
import { checkShape } from './shape-checker.js';
import type { PathSegment } from './json-path.js';
import { renderFound, type DefinitionProblem } from './definition-problem.js';
import { isKnownOperationOption, parseOperationOptions } from './operation-options.js';
import { LIMITS } from './limits.js';
import { isPlainObject, problemAt as problem } from './problem-factory.js';
import { checkDuration, checkTypeRules } from './action-type-rules.js';

export interface ActionRuleContext {
  tree: ActionTree;
  /** Whether the workflow has a Request trigger (Response needs one). */
  hasRequestTrigger: boolean;
  /** Whether the workflow has any trigger at all (a definition without triggers is a fragment). */
  hasTriggers: boolean;
  staticResultNames: Set<string>;
}

export function checkActions(ctx: ActionRuleContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { tree } = ctx;
  for (const duplicate of tree.duplicates) {
    problems.push(
      problem(
        duplicate.segments,
        'duplicate-action-name',
        'action names unique across the workflow',
        duplicate.name,
        `another action is already named '${duplicate.name}'.`,
      ),
    );
  }
  if (tree.actions.size > LIMITS.actionsPerWorkflow) {
    problems.push(
      problem(
        ['actions'],
        'limit-exceeded',
        `at most ${LIMITS.actionsPerWorkflow} actions`,
        String(tree.actions.size),
        `the workflow has ${tree.actions.size} actions.`,
      ),
    );
  }
  const variables = initializedVariables(tree);
  for (const node of tree.actions.values()) problems.push(...checkAction(node, ctx, variables));
  return problems;
}

/** Variable names (lower case) initialized with a literal name, with their declared type. */
function initializedVariables(tree: ActionTree): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of tree.actions.values()) {
    if (node.info?.type !== 'InitializeVariable') continue;
    const inputs = node.definition.inputs;
    const list = isPlainObject(inputs) ? inputs['variables'] : undefined;
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (isPlainObject(entry) && typeof entry['name'] === 'string') {
        names.set(
          entry['name'].toLowerCase(),
          typeof entry['type'] === 'string' ? entry['type'].toLowerCase() : '',
        );
      }
    }
  }
  return names;
}

function checkAction(
  node: ActionNode,
  ctx: ActionRuleContext,
  variables: Map<string, string>,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const def = node.definition as Record<string, unknown>;
  const at = node.segments;
  if (node.name.length > LIMITS.nameLength) {
    problems.push(
      problem(
        at,
        'limit-exceeded',
        `a name of at most ${LIMITS.nameLength} characters`,
        String(node.name.length),
        'the action name is too long.',
      ),
    );
  }
  if (node.depth >= LIMITS.nestingDepth) {
    problems.push(
      problem(
        at,
        'limit-exceeded',
        `nesting depth below ${LIMITS.nestingDepth}`,
        String(node.depth + 1),
        'actions are nested too deeply.',
      ),
    );
  }
  const info = node.info;
  if (info === undefined) {
    const typePath = [...at, 'type'];
    if (typeof def['type'] !== 'string') {
      problems.push(
        problem(
          typePath,
          def['type'] === undefined ? 'missing-property' : 'invalid-type',
          'an action type name',
          renderFound(def['type']),
          'every action needs a type.',
        ),
      );
    } else {
      problems.push(
        problem(
          typePath,
          'unknown-action-type',
          'a known action type',
          def['type'],
          `unknown action type '${def['type']}'.`,
        ),
      );
    }
    return problems;
  }
  if (info.category === 'unsupported') {
    problems.push({
      ...problem(
        [...at, 'type'],
        'unsupported-feature',
        'an action type Patchbay executes',
        info.type,
        `action type '${info.type}' (${info.feature ?? info.type}) is valid WDL that Patchbay does not execute yet.`,
      ),
      feature: info.feature ?? info.type,
    });
    return problems;
  }
  const schema = ACTION_SCHEMAS[info.type];
  if (schema !== undefined) problems.push(...checkShape(schema, def, at));
  problems.push(...checkOperationOptions(def, at));
  problems.push(...checkPlacement(node, ctx));
  problems.push(...checkTypeRules(node, info.type, def, variables));
  problems.push(...checkRuntimeConfiguration(def, at, ctx));
  const limit = def['limit'];
  if (isPlainObject(limit) && typeof limit['timeout'] === 'string' && !limit['timeout'].includes('@')) {
    problems.push(...checkDuration(limit['timeout'], [...at, 'limit', 'timeout']));
  }
  return problems;
}

function checkOperationOptions(def: Record<string, unknown>, at: PathSegment[]): DefinitionProblem[] {
  return parseOperationOptions(def['operationOptions'])
    .filter((flag) => !isKnownOperationOption(flag))
    .map((flag) =>
      problem(
        [...at, 'operationOptions'],
        'invalid-value',
        'known operation options',
        flag,
        `unknown operation option '${flag}'.`,
      ),
    );
}

function checkPlacement(node: ActionNode, ctx: ActionRuleContext): DefinitionProblem[] {
  const type = node.info?.type;
  const problems: DefinitionProblem[] = [];
  if (type === 'InitializeVariable' && node.depth > 0) {
    problems.push(
      problem(
        node.segments,
        'invalid-placement',
        'InitializeVariable at the top level of the workflow',
        `inside '${node.parent ?? ''}'`,
        'variables can only be initialized at the top level.',
      ),
    );
  }
  if ((type === 'Response' || type === 'Terminate') && node.loops.length > 0) {
    problems.push(
      problem(
        node.segments,
        'invalid-placement',
        `${type} outside Foreach and Until loops`,
        `inside loop '${node.loops[node.loops.length - 1] ?? ''}'`,
        `${type} is not allowed inside a loop.`,
      ),
    );
  }
  if (type === 'Response' && ctx.hasTriggers && !ctx.hasRequestTrigger) {
    problems.push(
      problem(
        node.segments,
        'invalid-placement',
        'a workflow with a Request trigger',
        'no Request trigger',
        'Response is only allowed in workflows started by a Request trigger.',
      ),
    );
  }
  return problems;
}

function checkRuntimeConfiguration(
  def: Record<string, unknown>,
  at: PathSegment[],
  ctx: ActionRuleContext,
): DefinitionProblem[] {
  const runtime = def['runtimeConfiguration'];
  if (!isPlainObject(runtime) || !isPlainObject(runtime['staticResult'])) return [];
  const name = runtime['staticResult']['name'];
  if (typeof name === 'string' && !ctx.staticResultNames.has(name)) {
    return [
      problem(
        [...at, 'runtimeConfiguration', 'staticResult', 'name'],
        'unknown-static-result',
        'the name of an entry in staticResults',
        name,
        `static result '${name}' is not defined.`,
      ),
    ];
  }
  return [];
}
