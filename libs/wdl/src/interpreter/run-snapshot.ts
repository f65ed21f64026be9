/**
 * Read models of a run for APIs, history and tests. Secure inputs/outputs are redacted here.
 */
import type { ActionResult, RunState, RunStatus, ActionError } from './run-state.js';
import { redactResult, secureSettingsOf } from './secure-data.js';

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

function redacted(state: RunState, result: ActionResult): ActionResult {
  return redactResult(result, secureSettingsOf(findAction(state, result.name)));
}

function findAction(state: RunState, name: string): Parameters<typeof secureSettingsOf>[0] {
  const stack = [state.definition.actions ?? {}];
  while (stack.length > 0) {
    const map = stack.pop() ?? {};
    for (const [key, action] of Object.entries(map)) {
      if (key === name) return action;
      if (action.actions !== undefined) stack.push(action.actions);
      if (action.else?.actions !== undefined) stack.push(action.else.actions);
      if (action.default?.actions !== undefined) stack.push(action.default.actions);
      for (const block of Object.values(action.cases ?? {}))
        if (block.actions !== undefined) stack.push(block.actions);
    }
  }
  return undefined;
}

export function runSnapshot(state: RunState): RunSnapshot {
  const actions: Record<string, ActionResult> = {};
  for (const [name, key] of Object.entries(state.latest)) {
    const instance = state.actions[key];
    if (instance !== undefined) actions[name] = redacted(state, instance.result);
  }
  const iterations: Record<string, number> = {};
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

/** Every action instance, in the order they started, redacted. */
export function actionHistory(state: RunState): ActionHistoryEntry[] {
  return Object.values(state.actions).map((instance) => ({
    name: instance.name,
    iterationPath: [...instance.path],
    result: redacted(state, instance.result),
  }));
}
