/**
 * `compactLoops`: a finished Foreach/Until pass is dropped from the state once its owner has dealt with
 * it, so the state holds the passes in flight, not every pass of the run. Only loops whose passes no
 * expression can read again are compacted (`WorkflowPlan.compactableLoops`). The most recent instance of
 * each action is kept (`outputs('x')` outside the loop reads it) until a newer one replaces it. History
 * does not depend on the state: every instance was emitted as `recordActionResult` when it finished.
 */
import type { RunSession } from './run-session.js';
import type { ActionInstanceState, FrameState } from './run-state.js';
import { instanceKey } from './instance-keys.js';

function dropInstance(session: RunSession, instance: ActionInstanceState): void {
  const { state } = session;
  const control = instance.control;
  if (control?.kind === 'foreach' || control?.kind === 'until') {
    const dropped = { ...state.droppedPasses };
    dropped[instance.name] = (dropped[instance.name] ?? 0) + control.iterationsStarted;
    state.droppedPasses = dropped;
  }
  delete state.actions[instance.key];
}

function dropFrame(session: RunSession, frameId: string): void {
  const { state } = session;
  const frame = state.frames[frameId];
  if (frame === undefined || frame.open) return;
  for (const name of session.plan.container(frame.container).actions) {
    const key = instanceKey(name, frame.path);
    const instance = state.actions[key];
    if (instance === undefined) continue;
    for (const child of instance.control?.frames ?? []) dropFrame(session, child);
    if (state.latest[name] !== key) dropInstance(session, instance);
  }
  delete state.frames[frameId];
}

/** Drops a closed pass of `owner` (a Foreach or Until) when the run compacts loops. */
export function compactPass(session: RunSession, owner: ActionInstanceState, frame: FrameState): void {
  if (session.state.compactLoops !== true || !session.plan.compactableLoops.has(owner.name)) return;
  const control = owner.control;
  if (control?.kind !== 'foreach' && control?.kind !== 'until') return;
  dropFrame(session, frame.id);
  control.frames = control.frames.filter((id) => id !== frame.id);
}

/**
 * Before `name` gets a new instance: drops its previous most recent instance when that one was kept only
 * for being the most recent (its pass is already dropped or closed).
 */
export function dropReplacedInstance(session: RunSession, name: string, newKey: string): void {
  const { state } = session;
  if (state.compactLoops !== true) return;
  const previousKey = state.latest[name];
  if (previousKey === undefined || previousKey === newKey) return;
  const previous = state.actions[previousKey];
  if (previous === undefined || previous.path.length === 0) return;
  const loops = session.plan.node(name).loops;
  const innermost = loops[loops.length - 1];
  if (innermost === undefined || !session.plan.compactableLoops.has(innermost)) return;
  if (state.frames[previous.frame]?.open === true) return;
  for (const child of previous.control?.frames ?? []) {
    const frame = state.frames[child];
    if (frame !== undefined && !frame.open) delete state.frames[child];
  }
  dropInstance(session, previous);
}
