/**
 * The definition validator: shapes (ajv) plus cross-references (runAfter siblings and cycles, action
 * references in expressions, variables, static results), placement rules and documented limits.
 * Accepts a bare definition or a Standard `{definition, kind}` document. Never throws on bad input:
 * everything wrong is returned as a problem with a JSON path.
 */
import { buildActionTree } from './action-tree.js';
import { checkActions } from './action-rules.js';
import { checkExpressions } from './expression-rules.js';
import { checkRunAfter } from './run-after-rules.js';
import { checkTriggers } from './trigger-rules.js';
import { checkOutputs, checkParameters } from './parameter-rules.js';
import { checkShape } from './shape-checker.js';
import { DEFINITION_SCHEMA } from './definition-shape-schema.js';
import { jsonPath, type PathSegment } from './json-path.js';
import { jsonTypeOf, type DefinitionProblem } from './definition-problem.js';
import { unwrapDefinition } from './workflow-document.js';
import { triggerTypeInfo } from './operation-types.js';
import { WdlDefinitionError } from './definition-errors.js';
import type { WorkflowDefinition } from './definition-types.js';

export interface ValidationResult {
  /** True when there is no problem at all. */
  valid: boolean;
  problems: DefinitionProblem[];
  /** Feature names of the `unsupported-feature` problems, each once, sorted. */
  unsupportedFeatures: string[];
}

/** Deepest nesting accepted; real definitions stay far below (actions nest at most 8 deep). */
const MAX_JSON_DEPTH = 200;

const WORKFLOW_KINDS = ['stateful', 'stateless'];
const UNSUPPORTED_KINDS = ['agentic', 'agent'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Iterative depth and cycle check, so the recursive walks below are safe. */
function structureProblem(input: unknown): DefinitionProblem | undefined {
  const stack: { value: unknown; depth: number; ancestors: Set<object> }[] = [
    { value: input, depth: 0, ancestors: new Set() },
  ];
  while (stack.length > 0) {
    const { value, depth, ancestors } = stack.pop() as {
      value: unknown;
      depth: number;
      ancestors: Set<object>;
    };
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      return {
        path: '$',
        code: 'limit-exceeded',
        expected: `JSON nested at most ${MAX_JSON_DEPTH} levels`,
        found: `more than ${MAX_JSON_DEPTH}`,
        message: '$: the document is nested too deeply.',
      };
    }
    if (ancestors.has(value)) {
      return {
        path: '$',
        code: 'invalid-value',
        expected: 'a JSON document',
        found: 'a cyclic structure',
        message: '$: the document refers to itself.',
      };
    }
    const next = new Set(ancestors).add(value);
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1, ancestors: next });
  }
  return undefined;
}

function checkKind(kind: unknown): DefinitionProblem[] {
  if (kind === undefined) return [];
  if (typeof kind !== 'string') {
    return [
      {
        path: '$.kind',
        code: 'invalid-type',
        expected: 'string',
        found: jsonTypeOf(kind),
        message: '$.kind must be a string.',
      },
    ];
  }
  if (UNSUPPORTED_KINDS.includes(kind.toLowerCase())) {
    return [
      {
        path: '$.kind',
        code: 'unsupported-feature',
        expected: 'Stateful or Stateless',
        found: kind,
        message: `$.kind: ${kind} workflows are not executed by Patchbay yet.`,
        feature: 'agent-workflows',
      },
    ];
  }
  if (!WORKFLOW_KINDS.includes(kind.toLowerCase())) {
    return [
      {
        path: '$.kind',
        code: 'invalid-value',
        expected: 'Stateful or Stateless',
        found: kind,
        message: `$.kind: unknown workflow kind '${kind}'.`,
      },
    ];
  }
  return [];
}

function staticResultNames(definition: Record<string, unknown>): Set<string> {
  const results = definition['staticResults'];
  return new Set(isPlainObject(results) ? Object.keys(results) : []);
}

function triggerCategories(definition: Record<string, unknown>): string[] {
  const triggers = definition['triggers'];
  if (!isPlainObject(triggers)) return [];
  return Object.values(triggers).map((t) =>
    isPlainObject(t) ? (triggerTypeInfo(t['type'])?.category ?? 'unknown') : 'unknown',
  );
}

function sortProblems(problems: DefinitionProblem[]): DefinitionProblem[] {
  return problems.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
}

/**
 * Validates a workflow definition (bare, or wrapped as `{definition, kind}`). Problem paths start at
 * the input's root, so a wrapped definition reports `$.definition.actions.Foo`.
 */
export function validateDefinition(input: unknown): ValidationResult {
  const problems = collectProblems(input);
  const unsupportedFeatures = [
    ...new Set(
      problems.flatMap((p) =>
        p.code === 'unsupported-feature' && p.feature !== undefined ? [p.feature] : [],
      ),
    ),
  ].sort();
  return { valid: problems.length === 0, problems: sortProblems(problems), unsupportedFeatures };
}

function collectProblems(input: unknown): DefinitionProblem[] {
  const structural = structureProblem(input);
  if (structural !== undefined) return [structural];
  const { definition, kind, base } = unwrapDefinition(input);
  if (!isPlainObject(definition)) {
    const path = jsonPath(base);
    return [
      {
        path,
        code: 'not-an-object',
        expected: 'a workflow definition object',
        found: jsonTypeOf(definition),
        message: `${path}: a workflow definition must be a JSON object.`,
      },
    ];
  }
  const problems: DefinitionProblem[] = [
    ...checkKind(kind),
    ...checkShape(DEFINITION_SCHEMA, definition, base),
  ];
  problems.push(...checkParameters(definition['parameters'], base));
  problems.push(...checkOutputs(definition['outputs'], base));
  problems.push(...checkTriggers(definition['triggers'], base));
  const tree = buildActionTree(definition, base);
  const categories = triggerCategories(definition);
  problems.push(
    ...checkActions({
      tree,
      hasTriggers: categories.length > 0,
      hasRequestTrigger: categories.includes('request'),
      staticResultNames: staticResultNames(definition),
    }),
  );
  const triggers = definition['triggers'];
  problems.push(...checkRunAfter(tree, isPlainObject(triggers) ? Object.keys(triggers) : []));
  problems.push(...checkExpressions(definition, tree, base));
  return problems;
}

/** Returns the definition object when valid; throws `WdlDefinitionError` with every problem otherwise. */
export function assertValidDefinition(input: unknown): WorkflowDefinition {
  const result = validateDefinition(input);
  if (!result.valid) throw new WdlDefinitionError(result.problems);
  return unwrapDefinition(input).definition as WorkflowDefinition;
}

export type { PathSegment };
