/**
 * The scheduler: runs every action whose runAfter conditions are met, skips those whose conditions
 * can no longer be met, closes frames whose actions are all final, and hands closed frames to their
 * control action. Repeats until nothing moves; what is left waits for an event.
 */
import type { RunSession } from './run-session.js';
import type { ActionError, FrameState } from './run-state.js';
import { instanceKey, isFinalStatus } from './instance-keys.js';
import { startAction } from './action-dispatcher.js';
import { frameStatus } from './branch-status.js';
import { closeBranch } from './executors/branch-executors.js';
import { closeForeachIteration } from './executors/foreach-executor.js';
import { closeUntilPass } from './executors/until-executor.js';
import { finishRun } from './run-completion.js';
import { compactPass } from './loop-compaction.js';

type Readiness = { kind: 'wait' } | { kind: 'run' } | { kind: 'skip'; error: ActionError };

function readiness(session: RunSession, name: string, frame: FrameState): Readiness {
  for (const edge of session.plan.runAfter.get(name) ?? []) {
    const predecessor = session.state.actions[instanceKey(edge.predecessor, frame.path)];
    if (predecessor === undefined || !isFinalStatus(predecessor.result.status)) return { kind: 'wait' };
  }
  for (const edge of session.plan.runAfter.get(name) ?? []) {
    const status =
      session.state.actions[instanceKey(edge.predecessor, frame.path)]?.result.status ?? 'Skipped';
    if (!edge.statuses.includes(status)) {
      return {
        kind: 'skip',
        error: {
          code: 'ActionConditionFailed',
          message: `The execution of template action '${name}' is skipped: the 'runAfter' condition for action '${edge.predecessor}' is not satisfied. Expected status values '${edge.statuses.join("', '")}' and actual value '${status}'.`,
        },
      };
    }
  }
  return { kind: 'run' };
}

function closeFrame(session: RunSession, frame: FrameState): void {
  frame.open = false;
  session.state.openFrames = session.state.openFrames.filter((id) => id !== frame.id);
  const status = frameStatus(session, frame);
  frame.status = status;
  if (frame.owner === undefined) {
    finishRun(session, status);
    return;
  }
  const owner = session.instance(frame.owner);
  const control = owner.control;
  if (control?.kind === 'foreach') {
    closeForeachIteration(session, owner, frame.loopIndex ?? 0, status);
    compactPass(session, owner, frame);
  } else if (control?.kind === 'until') {
    closeUntilPass(session, owner, status);
    compactPass(session, owner, frame);
  } else closeBranch(session, owner, status);
}

/** Processes one frame; returns whether anything changed. */
function processFrame(session: RunSession, frame: FrameState): boolean {
  let progressed = false;
  let allFinal = true;
  for (const name of session.plan.container(frame.container).actions) {
    if (!session.running || !frame.open) return true;
    const existing = session.state.actions[instanceKey(name, frame.path)];
    if (existing !== undefined) {
      if (!isFinalStatus(existing.result.status)) allFinal = false;
      continue;
    }
    const decision = readiness(session, name, frame);
    if (decision.kind === 'wait') {
      allFinal = false;
      continue;
    }
    progressed = true;
    if (decision.kind === 'skip') {
      session.skipAction(name, frame, decision.error);
      continue;
    }
    startAction(session, name, frame);
    const started = session.state.actions[instanceKey(name, frame.path)];
    if (started !== undefined && !isFinalStatus(started.result.status)) allFinal = false;
  }
  if (allFinal && session.running && frame.open) {
    closeFrame(session, frame);
    progressed = true;
  }
  return progressed;
}

/** Runs the scheduler to a standstill. */
export function advance(session: RunSession): void {
  let progressed = true;
  while (progressed && session.running) {
    progressed = false;
    for (const id of [...session.state.openFrames]) {
      if (!session.running) return;
      const frame = session.state.frames[id];
      if (frame === undefined || !frame.open) continue;
      if (processFrame(session, frame)) progressed = true;
    }
  }
}
