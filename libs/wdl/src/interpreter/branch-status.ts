/**
 * Status of a finished frame, by the Logic Apps branch rule: look at each branch end (an action no
 * sibling runs after); a branch that ends in Skipped takes the status of the skipped action's
 * predecessors (the worst of them); the frame Failed when any branch ends in failure.
 */
import type { RunSession } from './run-session.js';
import type { FinalActionStatus, FrameState } from './run-state.js';
import { instanceKey } from './instance-keys.js';

const FAILING = new Set(['Failed', 'TimedOut', 'Cancelled']);

export function frameStatus(session: RunSession, frame: FrameState): 'Succeeded' | 'Failed' {
  const memo = new Map<string, FinalActionStatus>();
  const effective = (name: string, depth: number): FinalActionStatus => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const status = session.state.actions[instanceKey(name, frame.path)]?.result.status ?? 'Skipped';
    let result: FinalActionStatus;
    if (status !== 'Skipped') {
      result = status === 'Running' || status === 'Waiting' ? 'Failed' : status;
    } else {
      const predecessors = session.plan.runAfter.get(name) ?? [];
      // Runs after nothing yet skipped: only possible when the whole frame was skipped.
      result = 'Succeeded';
      if (depth < 1000) {
        for (const edge of predecessors) {
          if (FAILING.has(effective(edge.predecessor, depth + 1))) result = 'Failed';
        }
      }
    }
    memo.set(name, result);
    return result;
  };
  const ends = session.plan.branchEnds.get(frame.container) ?? [];
  return ends.some((name) => FAILING.has(effective(name, 0))) ? 'Failed' : 'Succeeded';
}

/** The run error Logic Apps reports when a run fails because an action failed. */
export const ACTION_FAILED_ERROR = {
  code: 'ActionFailed',
  message: 'An action failed. No dependent actions succeeded.',
};
