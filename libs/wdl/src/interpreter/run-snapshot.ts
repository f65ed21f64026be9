/**
 * Read models of a run for APIs, history and tests. Secure inputs/outputs are redacted here.
 */
import type { ActionResult, RunState, RunStatus, ActionError } from './run-state.js';
import { redactResult, secureSettingsOf } from './secure-data.js';
import { planOfState } from './run-definition.js';
import type { WorkflowPlan } from './workflow-plan.js';

export interface RunSnapshot {
  runId: string;
  status: RunStatus;
  error?: ActionError;
  startTime: string;
  endTime?: string;
  outputs?: Record<string, unknown>;
  response: { expected: boolean; sent: boolean; statusCode?: number };
  /** The most recent instance of every action that has one. */
  actions: Record<string, ActionResult>;
  /** Foreach/Until name -> passes started over the whole run (nested loops summed). */
  iterations: Record<string, number>;
}

export interface ActionHistoryEntry {
  name: string;
  iterationPath: number[];
  result: ActionResult;
}

function redacted(plan: WorkflowPlan, result: ActionResult): ActionResult {
  return redactResult(result, secureSettingsOf(plan.tree.actions.get(result.name)?.definition));
}

/**
 * The run at a glance, secure parts redacted. `definition` is required when the run started with
 * `storeDefinition: false`.
 */
export function runSnapshot(state: RunState, definition?: unknown): RunSnapshot {
  const plan = planOfState(state, definition);
  const actions: Record<string, ActionResult> = {};
  for (const [name, key] of Object.entries(state.latest)) {
    const instance = state.actions[key];
    if (instance !== undefined) actions[name] = redacted(plan, instance.result);
  }
  const iterations: Record<string, number> = { ...state.droppedPasses };
  for (const instance of Object.values(state.actions)) {
    const control = instance.control;
    if (control?.kind === 'foreach' || control?.kind === 'until') {
      iterations[instance.name] = (iterations[instance.name] ?? 0) + control.iterationsStarted;
    }
  }
  const { expected, sent, statusCode } = state.response;
  return {
    runId: state.runId,
    status: state.status,
    ...(state.error === undefined ? {} : { error: state.error }),
    startTime: state.startTime,
    ...(state.endTime === undefined ? {} : { endTime: state.endTime }),
    ...(state.outputs === undefined ? {} : { outputs: state.outputs }),
    response: { expected, sent, ...(statusCode === undefined ? {} : { statusCode }) },
    actions,
    iterations,
  };
}

/**
 * Every action instance the state holds, in the order they started, redacted. `definition` is required
 * when the run started with `storeDefinition: false`.
 */
export function actionHistory(state: RunState, definition?: unknown): ActionHistoryEntry[] {
  const plan = planOfState(state, definition);
  return Object.values(state.actions).map((instance) => ({
    name: instance.name,
    iterationPath: [...instance.path],
    result: redacted(plan, instance.result),
  }));
}
