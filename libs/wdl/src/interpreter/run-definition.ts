/**
 * Where a run's definition comes from: the state, or the caller when the run started with
 * `storeDefinition: false` (the state then keeps only the hash, and the supplied definition must match it).
 */
import {
  unwrapDefinition,
  validateDefinition,
  WdlDefinitionError,
  type WorkflowDefinition,
} from '../definition/index.js';
import { documentHash } from './deterministic-source.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import type { RunState } from './run-state.js';
import { planFor, type WorkflowPlan } from './workflow-plan.js';

export interface HashedDefinition {
  readonly definition: WorkflowDefinition;
  readonly hash: string;
}

const validated = new Set<string>();
const byInput = new WeakMap<object, HashedDefinition>();

/**
 * The definition in a workflow document (plain or Standard `{definition, kind}`), its hash, validated once
 * per hash. The result is remembered per input object, so a caller that keeps its definition object pays
 * for hashing once.
 */
export function hashedDefinition(input: unknown): HashedDefinition {
  const known = input !== null && typeof input === 'object' ? byInput.get(input) : undefined;
  if (known !== undefined) return known;
  const definition = unwrapDefinition(input).definition as WorkflowDefinition;
  const hash = documentHash(JSON.stringify(definition) ?? '');
  if (!validated.has(hash)) {
    const result = validateDefinition(definition);
    if (!result.valid) throw new WdlDefinitionError(result.problems);
    validated.add(hash);
  }
  const hashed = { definition, hash };
  if (input !== null && typeof input === 'object') byInput.set(input, hashed);
  return hashed;
}

/** The compiled plan of a run, from the state's definition or the one the caller supplies. */
export function planOfState(state: RunState, supplied: unknown): WorkflowPlan {
  if (state.definition !== undefined) return planFor(state.definition, state.definitionHash);
  if (supplied === undefined) {
    throw new WdlInterpreterError(
      'DefinitionRequired',
      `Run '${state.runId}' was started with storeDefinition false: pass its definition (hash ${state.definitionHash}).`,
    );
  }
  const { definition, hash } = hashedDefinition(supplied);
  if (hash !== state.definitionHash) {
    throw new WdlInterpreterError(
      'DefinitionMismatch',
      `The definition supplied for run '${state.runId}' has hash ${hash}; the run started with ${state.definitionHash}.`,
    );
  }
  return planFor(definition, hash);
}
