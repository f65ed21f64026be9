/**
 * Response: answers the caller of the Request trigger once. A second Response in the same run fails,
 * because the caller already has its answer.
 */
import type { ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { Outcome, RunSession } from '../run-session.js';
import { evaluateValue } from '../template-evaluation.js';
import { valueText } from '../value-text.js';

function statusCodeOf(value: unknown, actionName: string): number {
  if (value === undefined || value === null) return 200;
  const code = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (
    typeof code !== 'number' ||
    !Number.isInteger(code) ||
    code < 100 ||
    code > 599 ||
    (code >= 300 && code < 400)
  ) {
    throw new ActionFailure(
      'InvalidResponseStatusCode',
      `The status code of Response action '${actionName}' must be a 2xx, 4xx or 5xx integer, found ${JSON.stringify(value) ?? 'undefined'}.`,
    );
  }
  return code;
}

export function runResponse(session: RunSession, node: ActionNode, ctx: RunEvaluationContext): Outcome {
  const evaluated = evaluateValue(session, node.definition.inputs ?? {}, ctx, node.name);
  const inputs =
    evaluated !== null && typeof evaluated === 'object' && !Array.isArray(evaluated)
      ? (evaluated as Record<string, unknown>)
      : {};
  const statusCode = statusCodeOf(inputs['statusCode'], node.name);
  const rawHeaders = inputs['headers'];
  const headers: Record<string, string> = {};
  if (rawHeaders !== null && typeof rawHeaders === 'object' && !Array.isArray(rawHeaders)) {
    for (const [name, value] of Object.entries(rawHeaders)) headers[name] = valueText(value);
  }
  const body = inputs['body'];
  if (session.state.response.sent) {
    throw new ActionFailure(
      'ResponseAlreadySent',
      `Action '${node.name}' cannot respond: the caller already received a response from action '${session.state.response.actionName ?? ''}'.`,
    );
  }
  session.state.response = { ...session.state.response, sent: true, statusCode, actionName: node.name };
  session.emit({ type: 'sendResponse', actionName: node.name, statusCode, headers, body });
  return {
    status: 'Succeeded',
    inputs: { statusCode, headers, body },
    outputs: { statusCode, headers, body },
    code: 'OK',
  };
}
