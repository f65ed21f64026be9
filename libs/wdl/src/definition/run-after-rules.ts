/**
 * runAfter rules: every predecessor is a sibling in the same container, every status is one of
 * Succeeded/Failed/Skipped/TimedOut (any letter case), at least one status per predecessor, and the
 * siblings form no cycle.
 */
import { ROOT_CONTAINER, type ActionTree } from './action-tree.js';
import { jsonPath } from './json-path.js';
import { renderFound, type DefinitionProblem } from './definition-problem.js';

export const RUN_AFTER_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] as const;

/** Canonical spelling of a runAfter status, or `undefined` when it is not one. */
export function canonicalRunAfterStatus(value: unknown): (typeof RUN_AFTER_STATUSES)[number] | undefined {
  if (typeof value !== 'string') return undefined;
  return RUN_AFTER_STATUSES.find((s) => s.toLowerCase() === value.toLowerCase());
}

/**
 * @param triggerNames top-level actions may name a trigger (agentic Standard workflows do); that edge
 * means "right after the trigger", like `{}`.
 */
export function checkRunAfter(tree: ActionTree, triggerNames: readonly string[] = []): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const container of tree.containers.values()) {
    const siblings = new Set(container.actions);
    const triggers = new Set(container.id === ROOT_CONTAINER ? triggerNames : []);
    const edges = new Map<string, string[]>();
    for (const name of container.actions) {
      const node = tree.actions.get(name);
      if (node === undefined) continue;
      const runAfter = node.definition.runAfter as unknown;
      const targets: string[] = [];
      edges.set(name, targets);
      if (
        runAfter === undefined ||
        runAfter === null ||
        typeof runAfter !== 'object' ||
        Array.isArray(runAfter)
      )
        continue;
      for (const [target, statuses] of Object.entries(runAfter as Record<string, unknown>)) {
        const path = jsonPath([...node.segments, 'runAfter', target]);
        if (triggers.has(target) && !siblings.has(target)) continue;
        if (!siblings.has(target)) {
          const elsewhere = tree.actions.get(target);
          problems.push({
            path,
            code: 'unknown-run-after-target',
            expected: `a sibling action in the same container (${container.actions.filter((a) => a !== name).join(', ') || 'none'})`,
            found: target,
            message:
              elsewhere === undefined
                ? `${path}: action '${target}' does not exist.`
                : `${path}: action '${target}' is not in the same container as '${name}'; runAfter may only name siblings.`,
          });
          continue;
        }
        targets.push(target);
        if (!Array.isArray(statuses)) continue;
        if (statuses.length === 0) {
          problems.push({
            path,
            code: 'invalid-run-after-status',
            expected: 'at least one of Succeeded, Failed, Skipped, TimedOut',
            found: '[]',
            message: `${path}: at least one status is required.`,
          });
        }
        statuses.forEach((status, index) => {
          if (canonicalRunAfterStatus(status) === undefined) {
            const statusPath = jsonPath([...node.segments, 'runAfter', target, index]);
            problems.push({
              path: statusPath,
              code: 'invalid-run-after-status',
              expected: 'one of Succeeded, Failed, Skipped, TimedOut',
              found: renderFound(status),
              message: `${statusPath}: ${renderFound(status)} is not a runAfter status.`,
            });
          }
        });
      }
    }
    problems.push(...findCycles(tree, edges));
  }
  return problems;
}

/** Depth-first search over one container's runAfter edges; reports each cycle once. */
function findCycles(tree: ActionTree, edges: Map<string, string[]>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'active');
    stack.push(name);
    for (const target of edges.get(name) ?? []) {
      const seen = state.get(target);
      if (seen === 'active') {
        const cycle = [...stack.slice(stack.indexOf(target)), target];
        const node = tree.actions.get(name);
        const path = jsonPath([...(node?.segments ?? []), 'runAfter', target]);
        problems.push({
          path,
          code: 'run-after-cycle',
          expected: 'runAfter dependencies without cycles',
          found: cycle.join(' -> '),
          message: `${path}: runAfter forms a cycle (${cycle.join(' -> ')}).`,
        });
      } else if (seen === undefined) {
        visit(target);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of edges.keys()) if (!state.has(name)) visit(name);
  return problems;
}
