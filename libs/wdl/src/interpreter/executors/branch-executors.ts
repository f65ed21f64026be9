/**
 * If, Switch and Scope: each opens at most one branch frame; the branches not taken are marked
 * Skipped. The control action takes the status of its branch when the branch closes.
 */
import type { ActionNode } from '../../definition/index.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { RunSession } from '../run-session.js';
import type { ActionInstanceState, FrameState } from '../run-state.js';
import { evaluateCondition } from '../condition-evaluation.js';
import { evaluateValue } from '../template-evaluation.js';
import { ACTION_FAILED_ERROR } from '../branch-status.js';

const NOT_TAKEN = {
  code: 'ActionBranchingConditionNotSatisfied',
  message:
    'The execution of template action skipped: the branching condition for this action is not satisfied.',
};

function openBranch(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  taken: string | undefined,
  frame: FrameState,
): void {
  const skipped = node.children.filter((c) => c !== taken);
  session.skipContainers(skipped, frame, NOT_TAKEN);
  instance.control = { kind: 'branch', frames: [] };
  if (taken !== undefined) {
    const branch = session.openFrame(taken, instance, [...instance.path]);
    instance.control.frames.push(branch.id);
  } else {
    session.finish(instance, { status: 'Succeeded', code: 'OK' });
  }
}

export function startIf(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
  frame: FrameState,
): void {
  const result = evaluateCondition(session, node.definition.expression, ctx, node.name);
  instance.result.inputs = { expressionResult: result };
  openBranch(session, instance, node, `${node.name}/${result ? 'actions' : 'else'}`, frame);
}

function sameCaseValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function startSwitch(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
  frame: FrameState,
): void {
  const subject = evaluateValue(session, node.definition.expression, ctx, node.name, 'expression');
  instance.result.inputs = { expressionResult: subject };
  const cases = node.definition.cases ?? {};
  const match = Object.entries(cases).find(([, block]) => sameCaseValue(block.case, subject));
  openBranch(
    session,
    instance,
    node,
    match === undefined ? `${node.name}/default` : `${node.name}/cases/${match[0]}`,
    frame,
  );
}

export function startScope(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  frame: FrameState,
): void {
  openBranch(session, instance, node, `${node.name}/actions`, frame);
}

/** The branch of an If/Switch/Scope closed. */
export function closeBranch(
  session: RunSession,
  instance: ActionInstanceState,
  branchStatus: 'Succeeded' | 'Failed',
): void {
  session.finish(
    instance,
    branchStatus === 'Succeeded'
      ? { status: 'Succeeded', code: 'OK' }
      : { status: 'Failed', code: 'ActionFailed', error: ACTION_FAILED_ERROR },
  );
}
