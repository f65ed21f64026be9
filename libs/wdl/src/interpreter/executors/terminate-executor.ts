/**
 * Terminate: ends the run with Succeeded, Failed (with `runError`) or Cancelled; actions still in
 * flight are cancelled and nothing else starts.
 */
import type { ActionNode } from '../../definition/index.js';
import { ActionFailure } from '../interpreter-errors.js';
import type { RunEvaluationContext } from '../run-evaluation-context.js';
import type { RunSession } from '../run-session.js';
import type { ActionError, ActionInstanceState } from '../run-state.js';
import { evaluateValue } from '../template-evaluation.js';
import { valueText } from '../value-text.js';

const STATUSES = ['Succeeded', 'Failed', 'Cancelled'] as const;

export function runTerminate(
  session: RunSession,
  instance: ActionInstanceState,
  node: ActionNode,
  ctx: RunEvaluationContext,
): void {
  const evaluated = evaluateValue(session, node.definition.inputs ?? {}, ctx, node.name) as Record<
    string,
    unknown
  >;
  const requested = evaluated['runStatus'];
  const status = STATUSES.find(
    (s) => typeof requested === 'string' && s.toLowerCase() === requested.toLowerCase(),
  );
  if (status === undefined) {
    throw new ActionFailure(
      'InvalidTemplate',
      `Terminate action '${node.name}' has run status ${JSON.stringify(requested) ?? 'undefined'}; expected Succeeded, Failed or Cancelled.`,
    );
  }
  let error: ActionError | undefined;
  if (status === 'Failed') {
    const runError = evaluated['runError'];
    const spec =
      runError !== null && typeof runError === 'object' ? (runError as Record<string, unknown>) : {};
    error = {
      code: spec['code'] === undefined ? 'Terminated' : valueText(spec['code']),
      message:
        spec['message'] === undefined
          ? `The run was terminated by action '${node.name}'.`
          : valueText(spec['message']),
    };
  }
  session.finish(instance, { status: 'Succeeded', inputs: evaluated, code: 'OK' });
  session.terminate(status, error, `The run was terminated by action '${node.name}' with status ${status}.`);
}
