/**
 * The compiled, read-only view of a definition that the interpreter works from: the action tree,
 * runAfter edges per container, branch ends, and a cache of compiled templates. Plans are cached by
 * definition hash, so a state loaded from storage does not recompile its definition on every step.
 */
import {
  buildActionTree,
  canonicalRunAfterStatus,
  type ActionNode,
  type ActionTree,
  type ContainerNode,
  type WorkflowDefinition,
} from '../definition/index.js';
import { compileTemplate, resultReferences, type CompiledTemplate } from '../definition/expression-port.js';

import { WdlInterpreterError } from './interpreter-errors.js';

export interface RunAfterEdge {
  predecessor: string;
  statuses: string[];
}

export interface WorkflowPlan {
  readonly definition: WorkflowDefinition;
  readonly tree: ActionTree;
  /** Sibling predecessors of each action, with the statuses that let it run. */
  readonly runAfter: Map<string, RunAfterEdge[]>;
  /** Actions no sibling runs after, per container: the branch ends. */
  readonly branchEnds: Map<string, string[]>;
  readonly hasResponseAction: boolean;
  /**
   * Foreach/Until loops whose finished passes no expression can read again: no `result()` names the loop or
   * an action inside it, and no action name is computed. Their passes may be dropped (`compactLoops`).
   */
  readonly compactableLoops: ReadonlySet<string>;
  /** Compiles a definition value once; values are keyed by identity (objects) or text (strings). */
  template(value: unknown): CompiledTemplate;
  node(name: string): ActionNode;
  container(id: string): ContainerNode;
}

function buildPlan(definition: WorkflowDefinition): WorkflowPlan {
  const tree = buildActionTree(definition);
  const triggerNames = new Set(Object.keys(definition.triggers ?? {}));
  const runAfter = new Map<string, RunAfterEdge[]>();
  const branchEnds = new Map<string, string[]>();
  for (const container of tree.containers.values()) {
    const siblings = new Set(container.actions);
    const hasSuccessor = new Set<string>();
    for (const name of container.actions) {
      const node = tree.actions.get(name);
      const edges: RunAfterEdge[] = [];
      for (const [predecessor, statuses] of Object.entries(node?.definition.runAfter ?? {})) {
        // A top-level runAfter on a trigger means "right after the trigger", like {}.
        if (!siblings.has(predecessor) && triggerNames.has(predecessor)) continue;
        edges.push({
          predecessor,
          statuses: (Array.isArray(statuses) ? statuses : []).map(
            (s) => canonicalRunAfterStatus(s) ?? String(s),
          ),
        });
        hasSuccessor.add(predecessor);
      }
      runAfter.set(name, edges);
    }
    branchEnds.set(
      container.id,
      container.actions.filter((name) => !hasSuccessor.has(name)),
    );
  }
  const compactableLoops = new Set<string>();
  const results = resultReferences(definition);
  if (results !== undefined) {
    for (const node of tree.actions.values()) {
      const type = node.info?.type;
      if (type === 'Foreach' || type === 'Until') compactableLoops.add(node.name);
    }
    for (const name of results) {
      compactableLoops.delete(name);
      for (const loop of tree.actions.get(name)?.loops ?? []) compactableLoops.delete(loop);
    }
  }
  const objectCache = new WeakMap<object, CompiledTemplate>();
  const stringCache = new Map<string, CompiledTemplate>();
  const constantCache = new Map<unknown, CompiledTemplate>();
  return {
    definition,
    tree,
    runAfter,
    branchEnds,
    hasResponseAction: [...tree.actions.values()].some((n) => n.info?.type === 'Response'),
    compactableLoops,
    template(value: unknown): CompiledTemplate {
      if (value !== null && typeof value === 'object') {
        let compiled = objectCache.get(value);
        if (compiled === undefined) {
          compiled = compileTemplate(value);
          objectCache.set(value, compiled);
        }
        return compiled;
      }
      if (typeof value === 'string') {
        let compiled = stringCache.get(value);
        if (compiled === undefined) {
          compiled = compileTemplate(value);
          stringCache.set(value, compiled);
        }
        return compiled;
      }
      let compiled = constantCache.get(value);
      if (compiled === undefined) {
        compiled = compileTemplate(value);
        constantCache.set(value, compiled);
      }
      return compiled;
    },
    node(name: string): ActionNode {
      const node = tree.actions.get(name);
      if (node === undefined)
        throw new WdlInterpreterError(
          'InvalidState',
          `The state refers to action '${name}', which the definition does not have.`,
        );
      return node;
    },
    container(id: string): ContainerNode {
      const container = tree.containers.get(id);
      if (container === undefined)
        throw new WdlInterpreterError(
          'InvalidState',
          `The state refers to container '${id}', which the definition does not have.`,
        );
      return container;
    },
  };
}

const byIdentity = new WeakMap<WorkflowDefinition, WorkflowPlan>();
const byHash = new Map<string, WorkflowPlan>();
const HASH_CACHE_SIZE = 64;

/** The plan for a definition, compiled once per definition (identity) or hash (stored states). */
export function planFor(definition: WorkflowDefinition, hash: string): WorkflowPlan {
  const known = byIdentity.get(definition) ?? byHash.get(hash);
  if (known !== undefined) {
    byIdentity.set(definition, known);
    return known;
  }
  const plan = buildPlan(definition);
  byIdentity.set(definition, plan);
  if (byHash.size >= HASH_CACHE_SIZE) {
    const oldest = byHash.keys().next();
    if (oldest.done !== true) byHash.delete(oldest.value);
  }
  byHash.set(hash, plan);
  return plan;
}
