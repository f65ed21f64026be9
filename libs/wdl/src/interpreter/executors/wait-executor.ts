/** Wait: `interval {count, unit}` or `until {timestamp}`, through a durable timer. */
import { unitDurationMs, type ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { RunSession } from '../run-session.js';
import type { ActionInstanceState } from '../run-state.js';
import { evaluateValue } from '../template-evaluation.js';

function delayOf(inputs: Record<string, unknown>, now: string, actionName: string): number {
  const interval = inputs['interval'];
  if (interval !== null && typeof interval === 'object') {
    const spec = interval as Record<string, unknown>;
    const count = typeof spec['count'] === 'string' ? Number(spec['count']) : spec['count'];
    const ms =
      typeof count === 'number' && typeof spec['unit'] === 'string'
        ? unitDurationMs(count, spec['unit'])
        : undefined;
    if (ms === undefined || Number.isNaN(ms))
      throw new ActionFailure('InvalidTemplate', `Wait action '${actionName}' has an invalid interval.`);
    return ms;
  }
  const until = inputs['until'];
  if (until !== null && typeof until === 'object') {
    const at = Date.parse(String((until as Record<string, unknown>)['timestamp']));
    if (Number.isNaN(at))
      throw new ActionFailure('InvalidTemplate', `Wait action '${actionName}' has an invalid timestamp.`);
    return at - Date.parse(now);
  }
  throw new ActionFailure('InvalidTemplate', `Wait action '${actionName}' needs an interval or a timestamp.`);
}

export function startWait(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
): void {
  const evaluated = evaluateValue(session, node.definition.inputs ?? {}, ctx, node.name);
  const inputs = (evaluated ?? {}) as Record<string, unknown>;
  const delay = delayOf(inputs, session.now, node.name);
  if (delay <= 0) {
    session.finish(instance, { status: 'Succeeded', inputs, code: 'OK' });
    return;
  }
  instance.result.inputs = inputs;
  instance.result.status = 'Waiting';
  const timerId = session.startTimer(instance, 'wait', delay);
  instance.pending = { kind: 'timer', timerId, purpose: 'wait' };
}

/** The Wait timer came due. */
export function finishWait(session: RunSession, instance: ActionInstanceState): void {
  session.finish(instance, { status: 'Succeeded', code: 'OK' });
}
