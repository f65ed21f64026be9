/**
 * Parses every expression string in the fields the runtime evaluates (action inputs, conditions,
 * foreach, tracked properties, trigger inputs/conditions/splitOn, outputs) and checks that the
 * actions they read exist.
 */
import type { ActionTree } from './action-tree.js';
import { jsonPath, type PathSegment } from './json-path.js';
import { renderFound, type DefinitionProblem } from './definition-problem.js';
import { checkTemplateSyntax, isTemplateString, referencedActionNames } from './expression-port.js';

/** Fields of an action whose values are evaluated as templates. */
const ACTION_TEMPLATE_FIELDS = ['inputs', 'expression', 'foreach', 'trackedProperties', 'limit'] as const;
/** Fields of a trigger whose values are evaluated as templates. */
const TRIGGER_TEMPLATE_FIELDS = ['inputs', 'conditions', 'splitOn', 'trackedProperties'] as const;

interface TemplateString {
  text: string;
  segments: PathSegment[];
}

/** Every template string under `value`, with its path; `visited` guards against shared references. */
function collectTemplateStrings(
  value: unknown,
  segments: PathSegment[],
  out: TemplateString[],
  budget: { left: number },
): void {
  if (budget.left <= 0) return;
  budget.left -= 1;
  if (typeof value === 'string') {
    if (isTemplateString(value)) out.push({ text: value, segments });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectTemplateStrings(item, [...segments, index], out, budget));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      collectTemplateStrings(item, [...segments, key], out, budget);
  }
}

/** Upper bound on visited values, so a hostile definition cannot make validation run away. */
const VISIT_BUDGET = 1_000_000;

export function checkExpressions(
  definition: Record<string, unknown>,
  tree: ActionTree,
  base: PathSegment[],
): DefinitionProblem[] {
  const strings: { item: TemplateString; owner?: string }[] = [];
  const budget = { left: VISIT_BUDGET };
  const collect = (value: unknown, segments: PathSegment[], owner?: string): void => {
    const found: TemplateString[] = [];
    collectTemplateStrings(value, segments, found, budget);
    for (const item of found) strings.push(owner === undefined ? { item } : { item, owner });
  };
  for (const node of tree.actions.values()) {
    const def = node.definition as Record<string, unknown>;
    for (const field of ACTION_TEMPLATE_FIELDS) {
      if (field in def) collect(def[field], [...node.segments, field], node.name);
    }
  }
  const triggers = definition['triggers'];
  if (triggers !== null && typeof triggers === 'object' && !Array.isArray(triggers)) {
    for (const [name, trigger] of Object.entries(triggers as Record<string, unknown>)) {
      if (trigger === null || typeof trigger !== 'object') continue;
      for (const field of TRIGGER_TEMPLATE_FIELDS) {
        const value = (trigger as Record<string, unknown>)[field];
        if (value !== undefined) collect(value, [...base, 'triggers', name, field]);
      }
    }
  }
  const outputs = definition['outputs'];
  if (outputs !== null && typeof outputs === 'object' && !Array.isArray(outputs)) {
    for (const [name, output] of Object.entries(outputs as Record<string, unknown>)) {
      if (output !== null && typeof output === 'object')
        collect((output as Record<string, unknown>)['value'], [...base, 'outputs', name, 'value']);
    }
  }

  const problems: DefinitionProblem[] = [];
  for (const { item } of strings) {
    const path = jsonPath(item.segments);
    const check = checkTemplateSyntax(item.text);
    if (!check.ok) {
      problems.push(
        check.unsupportedFeature === undefined
          ? {
              path,
              code: 'expression-syntax',
              expected: 'a valid expression',
              found: renderFound(item.text),
              message: `${path}: ${check.message}`,
            }
          : {
              path,
              code: 'unsupported-feature',
              expected: 'functions Patchbay evaluates',
              found: renderFound(item.text),
              message: `${path}: the expression uses a host function Patchbay does not provide yet (${check.unsupportedFeature}).`,
              feature: check.unsupportedFeature,
            },
      );
      continue;
    }
    for (const name of referencedActionNames(item.text)) {
      if (!tree.actions.has(name)) {
        problems.push({
          path,
          code: 'unknown-action-reference',
          expected: 'the name of an action in this workflow',
          found: name,
          message: `${path}: the expression reads action '${name}', which is not defined in the workflow.`,
        });
      }
    }
  }
  return problems;
}
