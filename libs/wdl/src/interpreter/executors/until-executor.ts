/**
 * Until: runs the body, then tests the condition; stops when it is true, after `limit.count` passes
 * (default 60) or once `limit.timeout` (default PT1H, checked between passes) has elapsed. The loop
 * takes the status of its last pass; `FailWhenLimitsReached` makes stopping on a limit a failure.
 */
import { hasOperationOption, LIMITS, parseIsoDuration, type ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import { RunEvaluationContext } from '../run-evaluation-context.js';
import type { RunSession } from '../run-session.js';
import type { ActionInstanceState, UntilControl } from '../run-state.js';
import { evaluateValue } from '../template-evaluation.js';
import { evaluateCondition } from '../condition-evaluation.js';
import { ACTION_FAILED_ERROR } from '../branch-status.js';

function limitsOf(
  session: RunSession,
  node: ActionNode,
  ctx: RunEvaluationContext,
): { count: number; timeoutMs: number } {
  const limit = node.definition.limit ?? {};
  const countValue =
    limit.count === undefined
      ? LIMITS.untilCount.default
      : evaluateValue(session, limit.count, ctx, node.name, 'limit');
  const count = typeof countValue === 'string' ? Number(countValue) : countValue;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < LIMITS.untilCount.min ||
    count > LIMITS.untilCount.max
  ) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The limit.count of Until '${node.name}' must be an integer from 1 to 5000.`,
    );
  }
  const timeoutValue =
    limit.timeout === undefined
      ? LIMITS.untilTimeoutDefault
      : evaluateValue(session, limit.timeout, ctx, node.name, 'limit');
  const timeoutMs = typeof timeoutValue === 'string' ? parseIsoDuration(timeoutValue) : undefined;
  if (timeoutMs === undefined)
    throw new ActionFailure(
      'InvalidTemplate',
      `The limit.timeout of Until '${node.name}' is not an ISO 8601 duration.`,
    );
  return { count, timeoutMs };
}

function openPass(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  control: UntilControl,
): void {
  control.iterationsStarted += 1;
  const frame = session.openFrame(
    `${node.name}/actions`,
    instance,
    [...instance.path, control.iteration],
    control.iteration,
  );
  control.frames.push(frame.id);
}

export function startUntil(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
): void {
  const { count, timeoutMs } = limitsOf(session, node, ctx);
  const control: UntilControl = {
    kind: 'until',
    iteration: 0,
    iterationsStarted: 0,
    limitCount: count,
    timeoutMs,
    startedAt: session.now,
    failWhenLimitsReached: hasOperationOption(node.definition.operationOptions, 'FailWhenLimitsReached'),
    frames: [],
  };
  instance.control = control;
  openPass(session, instance, node, control);
}

/** One pass closed: test the condition and the limits. */
export function closeUntilPass(
  session: RunSession,
  instance: ActionInstanceState,
  status: 'Succeeded' | 'Failed',
): void {
  const control = instance.control;
  if (control?.kind !== 'until') return;
  const node = session.node(instance.name);
  const passOutcome =
    status === 'Succeeded'
      ? ({ status: 'Succeeded', code: 'OK' } as const)
      : ({ status: 'Failed', code: 'ActionFailed', error: ACTION_FAILED_ERROR } as const);
  // The condition reads the pass that just ended: its actions, and iterationIndexes() of this loop.
  const lastPass = control.frames[control.frames.length - 1];
  const frame = session.frame(lastPass ?? instance.frame);
  const ctx = new RunEvaluationContext(session, frame).withCurrentAction(instance.key);
  let done: boolean;
  try {
    done = evaluateCondition(session, node.definition.expression, ctx, node.name);
  } catch (error) {
    if (!(error instanceof ActionFailure)) throw error;
    session.finish(instance, {
      status: 'Failed',
      code: error.code,
      error: { code: error.code, message: error.message },
    });
    return;
  }
  if (done) {
    session.finish(instance, passOutcome);
    return;
  }
  const elapsed = Date.parse(session.now) - Date.parse(control.startedAt);
  if (control.iteration + 1 >= control.limitCount || elapsed >= control.timeoutMs) {
    session.finish(
      instance,
      control.failWhenLimitsReached
        ? {
            status: 'Failed',
            code: 'LimitsReached',
            error: {
              code: 'LimitsReached',
              message: `Until '${node.name}' stopped on its count or timeout limit.`,
            },
          }
        : passOutcome,
    );
    return;
  }
  control.iteration += 1;
  openPass(session, instance, node, control);
}
