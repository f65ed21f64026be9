/**
 * The working copy `step` changes, made without copying the whole state. What a step may change gets its
 * own copy: the top-level maps (shallow), instances that are not final, open frames, variables and the
 * response. Everything else is shared with the previous state and never written: final instances, closed
 * frames, timers, the trigger, parameters, the definition, and every JSON value held in results, variables
 * and loop items (the interpreter replaces such values, it never edits them in place).
 */
import { isFinalStatus } from './instance-keys.js';
import type { ActionInstanceState, ControlState, FrameState, RunState, VariableState } from './run-state.js';

function copyControl(control: ControlState): ControlState {
  switch (control.kind) {
    case 'foreach':
      // `items` is never written: shared.
      return { ...control, active: [...control.active], frames: [...control.frames] };
    case 'until':
      return { ...control, frames: [...control.frames] };
    case 'branch':
      return { ...control, frames: [...control.frames] };
  }
}

function copyInstance(instance: ActionInstanceState): ActionInstanceState {
  const copy: ActionInstanceState = { ...instance, result: { ...instance.result } };
  if (instance.pending !== undefined) copy.pending = { ...instance.pending };
  if (instance.control !== undefined) copy.control = copyControl(instance.control);
  if (instance.webhook !== undefined) copy.webhook = { ...instance.webhook };
  return copy;
}

/** A state `step` may change freely without touching `previous`. */
export function workingCopy(previous: RunState): RunState {
  const actions: Record<string, ActionInstanceState> = { ...previous.actions };
  for (const key of Object.keys(actions)) {
    const instance = actions[key] as ActionInstanceState;
    if (!isFinalStatus(instance.result.status)) actions[key] = copyInstance(instance);
  }
  const frames: Record<string, FrameState> = { ...previous.frames };
  for (const id of previous.openFrames) {
    const frame = frames[id];
    if (frame !== undefined) frames[id] = { ...frame };
  }
  const variables: Record<string, VariableState> = {};
  for (const [key, variable] of Object.entries(previous.variables)) variables[key] = { ...variable };
  return {
    ...previous,
    actions,
    frames,
    variables,
    latest: { ...previous.latest },
    openFrames: [...previous.openFrames],
    inFlight: { ...previous.inFlight },
    ...(previous.releasing === undefined ? {} : { releasing: { ...previous.releasing } }),
    timers: { ...previous.timers },
    response: { ...previous.response },
  };
}
