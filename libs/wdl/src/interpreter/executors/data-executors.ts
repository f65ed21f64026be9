/**
 * Data operations that run inside the orchestrator: Compose, Query (Filter array), Select, Join.
 * Query/Select/Join outputs are `{ body }`, so `body('x')` reads the result; Compose's outputs are the
 * composed value itself.
 */
import type { ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { Outcome, RunSession } from '../run-session.js';
import { evaluateValue } from '../template-evaluation.js';
import { evaluateCondition } from '../condition-evaluation.js';
import { valueText } from '../value-text.js';

function inputsObject(node: ActionNode): Record<string, unknown> {
  const inputs = node.definition.inputs;
  return inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs)
    ? (inputs as Record<string, unknown>)
    : {};
}

/** `from` of a data operation, which must be an array. */
export function evaluateFrom(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): unknown[] {
  const from = evaluateValue(session, inputsObject(node)['from'], ctx, node.name);
  if (!Array.isArray(from)) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'from' property of action '${node.name}' must be an array, but it evaluated to ${from === null ? 'null' : typeof from}.`,
    );
  }
  return from;
}

export function runCompose(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const value = evaluateValue(session, node.definition.inputs, ctx, node.name);
  return { status: 'Succeeded', inputs: value, outputs: value, code: 'OK' };
}

export function runQuery(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const from = evaluateFrom(session, node, ctx);
  const where = inputsObject(node)['where'];
  const body = from.filter((item) =>
    evaluateCondition(session, where, ctx.withItem(item), node.name, "'where' condition"),
  );
  return { status: 'Succeeded', inputs: { from, where }, outputs: { body }, code: 'OK' };
}

export function runSelect(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const from = evaluateFrom(session, node, ctx);
  const select = inputsObject(node)['select'];
  const body = from.map((item) => evaluateValue(session, select, ctx.withItem(item), node.name));
  return { status: 'Succeeded', inputs: { from, select }, outputs: { body }, code: 'OK' };
}

/** Text of one joined or tabulated value: strings as they are, other values as JSON. */
export const cellText = valueText;

export function runJoin(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const from = evaluateFrom(session, node, ctx);
  const joinWith = evaluateValue(session, inputsObject(node)['joinWith'], ctx, node.name);
  if (typeof joinWith !== 'string') {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'joinWith' property of action '${node.name}' must be a string.`,
    );
  }
  const body = from.map(cellText).join(joinWith);
  return { status: 'Succeeded', inputs: { from, joinWith }, outputs: { body }, code: 'OK' };
}
