/**
 * Rules on individual actions that a shape schema cannot express: type lookup, placement, limits,
 * option conflicts, durations, variable names, static results.
 */
import type { ActionNode, ActionTree } from './action-tree.js';
import { ACTION_SCHEMAS } from './shape-schemas.js';
import { checkShape } from './shape-checker.js';
import { jsonPath, type PathSegment } from './json-path.js';
import { renderFound, type DefinitionProblem, type DefinitionProblemCode } from './definition-problem.js';
import { hasOperationOption, isKnownOperationOption, parseOperationOptions } from './operation-options.js';
import { parseIsoDuration } from './iso-duration.js';
import { LIMITS } from './limits.js';

export interface ActionRuleContext {
  tree: ActionTree;
  /** Whether the workflow has a Request trigger (Response needs one). */
  hasRequestTrigger: boolean;
  /** Whether the workflow has any trigger at all (a definition without triggers is a fragment). */
  hasTriggers: boolean;
  staticResultNames: Set<string>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function problem(
  segments: PathSegment[],
  code: DefinitionProblemCode,
  expected: string,
  found: string,
  message: string,
): DefinitionProblem {
  const path = jsonPath(segments);
  return { path, code, expected, found, message: `${path}: ${message}` };
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

function checkDuration(
  text: string,
  segments: PathSegment[],
  range?: { min: number; max: number },
): DefinitionProblem[] {
  const ms = parseIsoDuration(text);
  if (ms === undefined)
    return [
      problem(
        segments,
        'invalid-duration',
        'an ISO 8601 duration such as PT5S',
        text,
        `'${text}' is not an ISO 8601 duration.`,
      ),
    ];
  if (range !== undefined && (ms < range.min || ms > range.max)) {
    return [
      problem(
        segments,
        'out-of-range',
        `between ${range.min / 1000} s and ${range.max / 1000} s`,
        text,
        `'${text}' is out of range.`,
      ),
    ];
  }
  return [];
}

function checkRange(
  value: unknown,
  segments: PathSegment[],
  min: number,
  max: number,
  what: string,
): DefinitionProblem[] {
  if (typeof value !== 'number') return [];
  return value < min || value > max
    ? [
        problem(
          segments,
          'out-of-range',
          `${what} from ${min} to ${max}`,
          String(value),
          `${what} must be from ${min} to ${max}.`,
        ),
      ]
    : [];
}

function checkRetryPolicy(inputs: unknown, at: PathSegment[]): DefinitionProblem[] {
  if (!isPlainObject(inputs) || !isPlainObject(inputs['retryPolicy'])) return [];
  const policy = inputs['retryPolicy'];
  const base = [...at, 'inputs', 'retryPolicy'];
  const problems = checkRange(
    policy['count'],
    [...base, 'count'],
    LIMITS.retryCount.min,
    LIMITS.retryCount.max,
    'retry count',
  );
  for (const field of ['interval', 'minimumInterval', 'maximumInterval']) {
    const value = policy[field];
    if (typeof value === 'string' && !value.includes('@'))
      problems.push(...checkDuration(value, [...base, field], LIMITS.retryIntervalMs));
  }
  const type = typeof policy['type'] === 'string' ? policy['type'].toLowerCase() : '';
  if ((type === 'fixed' || type === 'exponential') && policy['interval'] === undefined) {
    problems.push(
      problem(
        [...base, 'interval'],
        'missing-property',
        `an interval for a ${type} policy`,
        'missing',
        `a ${type} retry policy needs an interval.`,
      ),
    );
  }
  if ((type === 'fixed' || type === 'exponential') && policy['count'] === undefined) {
    problems.push(
      problem(
        [...base, 'count'],
        'missing-property',
        `a count for a ${type} policy`,
        'missing',
        `a ${type} retry policy needs a count.`,
      ),
    );
  }
  return problems;
}

function checkVariableName(
  inputs: unknown,
  at: PathSegment[],
  variables: Map<string, string>,
  numericOnly: boolean,
): DefinitionProblem[] {
  if (!isPlainObject(inputs) || typeof inputs['name'] !== 'string' || inputs['name'].includes('@')) return [];
  const name = inputs['name'];
  const type = variables.get(name.toLowerCase());
  const segments = [...at, 'inputs', 'name'];
  if (type === undefined) {
    return [
      problem(
        segments,
        'unknown-variable',
        'the name of a variable initialized by InitializeVariable',
        name,
        `variable '${name}' is never initialized.`,
      ),
    ];
  }
  if (numericOnly && type !== 'integer' && type !== 'float') {
    return [
      problem(
        segments,
        'invalid-value',
        'an integer or float variable',
        `${name} (${type})`,
        `variable '${name}' is not numeric.`,
      ),
    ];
  }
  return [];
}

function checkTypeRules(
  node: ActionNode,
  type: string,
  def: Record<string, unknown>,
  variables: Map<string, string>,
): DefinitionProblem[] {
  const at = node.segments;
  const inputs = def['inputs'];
  const problems: DefinitionProblem[] = [...checkRetryPolicy(inputs, at)];
  switch (type) {
    case 'Foreach': {
      const runtime = def['runtimeConfiguration'];
      const repetitions =
        isPlainObject(runtime) && isPlainObject(runtime['concurrency'])
          ? runtime['concurrency']['repetitions']
          : undefined;
      const { min, max } = LIMITS.foreachConcurrency;
      problems.push(
        ...checkRange(
          repetitions,
          [...at, 'runtimeConfiguration', 'concurrency', 'repetitions'],
          min,
          max,
          'Foreach concurrency',
        ),
      );
      if (repetitions !== undefined && hasOperationOption(def['operationOptions'], 'Sequential')) {
        problems.push(
          problem(
            [...at, 'operationOptions'],
            'conflicting-options',
            'either Sequential or concurrency.repetitions, not both',
            'both',
            'Sequential conflicts with runtimeConfiguration.concurrency.repetitions.',
          ),
        );
      }
      break;
    }
    case 'Until': {
      const limit = def['limit'];
      if (isPlainObject(limit)) {
        problems.push(
          ...checkRange(
            limit['count'],
            [...at, 'limit', 'count'],
            LIMITS.untilCount.min,
            LIMITS.untilCount.max,
            'Until count',
          ),
        );
      }
      break;
    }
    case 'Switch': {
      const cases = def['cases'];
      if (isPlainObject(cases)) {
        const entries = Object.entries(cases);
        if (entries.length > LIMITS.switchCases) {
          problems.push(
            problem(
              [...at, 'cases'],
              'limit-exceeded',
              `at most ${LIMITS.switchCases} cases`,
              String(entries.length),
              'too many Switch cases.',
            ),
          );
        }
        const seen = new Map<string, string>();
        for (const [caseName, block] of entries) {
          if (!isPlainObject(block) || !('case' in block)) continue;
          const key = JSON.stringify(block['case']);
          const first = seen.get(key);
          if (first !== undefined) {
            problems.push(
              problem(
                [...at, 'cases', caseName, 'case'],
                'invalid-value',
                'a case value used by one case only',
                key,
                `case value ${key} is already used by case '${first}'.`,
              ),
            );
          } else seen.set(key, caseName);
        }
      }
      break;
    }
    case 'SetVariable':
    case 'AppendToArrayVariable':
    case 'AppendToStringVariable':
      problems.push(...checkVariableName(inputs, at, variables, false));
      break;
    case 'IncrementVariable':
    case 'DecrementVariable':
      problems.push(...checkVariableName(inputs, at, variables, true));
      break;
    case 'Response': {
      const status = isPlainObject(inputs) ? inputs['statusCode'] : undefined;
      if (typeof status === 'number' && status >= 300 && status < 400) {
        problems.push(
          problem(
            [...at, 'inputs', 'statusCode'],
            'out-of-range',
            'a 2xx, 4xx or 5xx status code',
            String(status),
            'Response cannot answer with a 3xx status.',
          ),
        );
      }
      break;
    }
    case 'Wait': {
      const interval = isPlainObject(inputs) ? inputs['interval'] : undefined;
      if (isPlainObject(interval) && typeof interval['count'] === 'number' && interval['count'] < 0) {
        problems.push(
          problem(
            [...at, 'inputs', 'interval', 'count'],
            'out-of-range',
            'a count of zero or more',
            String(interval['count']),
            'Wait count cannot be negative.',
          ),
        );
      }
      const until = isPlainObject(inputs) ? inputs['until'] : undefined;
      if (
        isPlainObject(until) &&
        typeof until['timestamp'] === 'string' &&
        !until['timestamp'].includes('@') &&
        Number.isNaN(Date.parse(until['timestamp']))
      ) {
        problems.push(
          problem(
            [...at, 'inputs', 'until', 'timestamp'],
            'invalid-value',
            'an ISO 8601 timestamp',
            until['timestamp'],
            'not a timestamp.',
          ),
        );
      }
      break;
    }
    default:
      break;
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
