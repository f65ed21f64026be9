/**
 * Foreach: evaluates `foreach` to an array and runs one frame per item, `concurrency` at a time
 * (20 by default, 1 with `Sequential`, `runtimeConfiguration.concurrency.repetitions` otherwise; a
 * Foreach nested in another Foreach runs sequentially). The loop Failed when any iteration failed.
 */
import { hasOperationOption, LIMITS, type ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import { cloneValue, type RunSession } from '../run-session.js';
import type { ActionInstanceState, ForeachControl } from '../run-state.js';
import { evaluateValue } from '../template-evaluation.js';
import { ACTION_FAILED_ERROR } from '../branch-status.js';

const MAX_ITEMS = 100_000;

function typeName(value: unknown): string {
  if (value === null) return 'Null';
  if (typeof value === 'object') return 'Object';
  return typeof value === 'string'
    ? 'String'
    : typeof value === 'number'
      ? Number.isInteger(value)
        ? 'Integer'
        : 'Float'
      : 'Boolean';
}

function concurrencyOf(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): number {
  if (hasOperationOption(node.definition.operationOptions, 'Sequential')) return 1;
  if (node.loops.some((loop) => session.node(loop).info?.type === 'Foreach')) return 1;
  const configured = node.definition.runtimeConfiguration?.concurrency?.repetitions;
  if (configured === undefined) return LIMITS.foreachConcurrency.default;
  const value = evaluateValue(session, configured, ctx, node.name, 'runtimeConfiguration');
  const n = typeof value === 'string' ? Number(value) : value;
  if (
    typeof n !== 'number' ||
    !Number.isInteger(n) ||
    n < LIMITS.foreachConcurrency.min ||
    n > LIMITS.foreachConcurrency.max
  ) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The concurrency of Foreach '${node.name}' must be an integer from 1 to 50.`,
    );
  }
  return n;
}

export function startForeach(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
): void {
  const items = evaluateValue(session, node.definition.foreach, ctx, node.name, 'foreach');
  if (!Array.isArray(items)) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The execution of template action '${node.name}' failed: the result of the evaluation of 'foreach' expression '${String(node.definition.foreach)}' is of type '${typeName(items)}'. The result must be a valid array.`,
    );
  }
  if (items.length > MAX_ITEMS) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'foreach' of action '${node.name}' has ${items.length} items; at most ${MAX_ITEMS} are allowed.`,
    );
  }
  const control: ForeachControl = {
    kind: 'foreach',
    items: cloneValue(items),
    concurrency: concurrencyOf(session, node, ctx),
    nextIndex: 0,
    active: [],
    failedIterations: 0,
    iterationsStarted: 0,
    frames: [],
  };
  instance.control = control;
  if (items.length === 0) {
    session.finish(instance, { status: 'Succeeded', code: 'OK' });
    return;
  }
  fillIterations(session, instance, node, control);
}

function fillIterations(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  control: ForeachControl,
): void {
  while (control.active.length < control.concurrency && control.nextIndex < control.items.length) {
    const index = control.nextIndex;
    control.nextIndex += 1;
    control.active.push(index);
    control.iterationsStarted += 1;
    const frame = session.openFrame(`${node.name}/actions`, instance, [...instance.path, index], index);
    control.frames.push(frame.id);
  }
}

/** One iteration's frame closed. */
export function closeForeachIteration(
  session: RunSession,
  instance: ActionInstanceState,
  loopIndex: number,
  status: 'Succeeded' | 'Failed',
): void {
  const control = instance.control;
  if (control?.kind !== 'foreach') return;
  control.active = control.active.filter((i) => i !== loopIndex);
  if (status === 'Failed') control.failedIterations += 1;
  fillIterations(session, instance, session.node(instance.name), control);
  if (control.active.length === 0 && control.nextIndex >= control.items.length) {
    session.finish(
      instance,
      control.failedIterations > 0
        ? { status: 'Failed', code: 'ActionFailed', error: ACTION_FAILED_ERROR }
        : { status: 'Succeeded', code: 'OK' },
    );
  }
}
