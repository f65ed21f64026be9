/**
 * Flattens the nested action maps of a definition into nodes and containers. Every action lives in
 * exactly one container: the workflow itself (`$root`) or a branch of a control action
 * (`If_1/actions`, `If_1/else`, `Switch_1/cases/Gold`, `Switch_1/default`, `Loop/actions`).
 * Robust to malformed input: entries that are not objects are skipped (the shape checks report them).
 */
import type { ActionDefinition } from './definition-types.js';
import { actionTypeInfo, type ActionTypeInfo } from './operation-types.js';
import type { PathSegment } from './json-path.js';

export const ROOT_CONTAINER = '$root';

export type BranchKind = 'root' | 'actions' | 'else' | 'case' | 'default';

export interface ContainerNode {
  readonly id: string;
  /** Owning control action, absent for the root. */
  readonly owner?: string;
  readonly branch: BranchKind;
  /** Switch case name, for `case` branches. */
  readonly caseName?: string;
  /** Action names in definition order. */
  readonly actions: string[];
  /** Path to the action map of this container. */
  readonly segments: PathSegment[];
}

export interface ActionNode {
  readonly name: string;
  readonly definition: ActionDefinition;
  /** `undefined` for a type the catalogue does not know. */
  readonly info: ActionTypeInfo | undefined;
  /** Path to the action object. */
  readonly segments: PathSegment[];
  readonly container: string;
  /** Owning control action, absent at top level. */
  readonly parent?: string;
  /** Enclosing Foreach/Until loops, outermost first. */
  readonly loops: string[];
  /** 0 for top-level actions. */
  readonly depth: number;
  /** Containers this action owns (control actions). */
  readonly children: string[];
}

export interface DuplicateAction {
  readonly name: string;
  readonly segments: PathSegment[];
}

export interface ActionTree {
  readonly actions: Map<string, ActionNode>;
  readonly containers: Map<string, ContainerNode>;
  readonly duplicates: DuplicateAction[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Builds the tree from a definition object (`definition.actions`); `base` prefixes every path. */
export function buildActionTree(definition: unknown, base: PathSegment[] = []): ActionTree {
  const tree: ActionTree = { actions: new Map(), containers: new Map(), duplicates: [] };
  const actions = isPlainObject(definition) ? definition['actions'] : undefined;
  addContainer(
    tree,
    { id: ROOT_CONTAINER, branch: 'root', segments: [...base, 'actions'] },
    actions,
    undefined,
    [],
    0,
  );
  return tree;
}

interface ContainerSeed {
  id: string;
  owner?: string;
  branch: BranchKind;
  caseName?: string;
  segments: PathSegment[];
}

function addContainer(
  tree: ActionTree,
  seed: ContainerSeed,
  map: unknown,
  parent: string | undefined,
  loops: string[],
  depth: number,
): void {
  const container: ContainerNode = { ...seed, actions: [] };
  tree.containers.set(seed.id, container);
  if (!isPlainObject(map)) return;
  for (const [name, raw] of Object.entries(map)) {
    if (!isPlainObject(raw)) continue;
    const segments = [...seed.segments, name];
    if (tree.actions.has(name)) {
      tree.duplicates.push({ name, segments });
      continue;
    }
    const definition = raw as ActionDefinition;
    const info = actionTypeInfo(definition.type);
    const node: ActionNode = {
      name,
      definition,
      info,
      segments,
      container: seed.id,
      ...(parent === undefined ? {} : { parent }),
      loops,
      depth,
      children: [],
    };
    tree.actions.set(name, node);
    container.actions.push(name);
    if (info?.category === 'control') addChildren(tree, node, info.type);
  }
}

function addChildren(tree: ActionTree, node: ActionNode, type: string): void {
  const def = node.definition as Record<string, unknown>;
  const loops = type === 'Foreach' || type === 'Until' ? [...node.loops, node.name] : node.loops;
  const depth = node.depth + 1;
  const add = (seed: ContainerSeed, map: unknown): void => {
    node.children.push(seed.id);
    addContainer(tree, seed, map, node.name, loops, depth);
  };
  if (type !== 'Switch') {
    add(
      {
        id: `${node.name}/actions`,
        owner: node.name,
        branch: 'actions',
        segments: [...node.segments, 'actions'],
      },
      def['actions'],
    );
  }
  if (type === 'If') {
    const elseBlock = def['else'];
    add(
      {
        id: `${node.name}/else`,
        owner: node.name,
        branch: 'else',
        segments: [...node.segments, 'else', 'actions'],
      },
      isPlainObject(elseBlock) ? elseBlock['actions'] : undefined,
    );
  }
  if (type === 'Switch') {
    const cases = def['cases'];
    if (isPlainObject(cases)) {
      for (const [caseName, block] of Object.entries(cases)) {
        add(
          {
            id: `${node.name}/cases/${caseName}`,
            owner: node.name,
            branch: 'case',
            caseName,
            segments: [...node.segments, 'cases', caseName, 'actions'],
          },
          isPlainObject(block) ? block['actions'] : undefined,
        );
      }
    }
    const defaultBlock = def['default'];
    add(
      {
        id: `${node.name}/default`,
        owner: node.name,
        branch: 'default',
        segments: [...node.segments, 'default', 'actions'],
      },
      isPlainObject(defaultBlock) ? defaultBlock['actions'] : undefined,
    );
  }
}
