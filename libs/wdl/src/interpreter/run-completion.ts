/**
 * The end of a run that was not terminated: status from the branch ends of the top level, then the
 * workflow `outputs` are evaluated.
 */
import { ActionFailure } from './interpreter-errors.js';
import { RunEvaluationContext } from './run-evaluation-context.js';
import type { RunSession } from './run-session.js';
import type { ActionError } from './run-state.js';
import { ACTION_FAILED_ERROR } from './branch-status.js';
import { evaluateValue } from './template-evaluation.js';
import { ROOT_FRAME } from './instance-keys.js';

export function finishRun(session: RunSession, rootStatus: 'Succeeded' | 'Failed'): void {
  if (!session.running) return;
  let status: 'Succeeded' | 'Failed' = rootStatus;
  let error: ActionError | undefined = rootStatus === 'Failed' ? ACTION_FAILED_ERROR : undefined;
  const declared = session.plan.definition.outputs ?? {};
  const outputs: Record<string, unknown> = {};
  const ctx = new RunEvaluationContext(session, session.frame(ROOT_FRAME));
  for (const [name, output] of Object.entries(declared)) {
    try {
      outputs[name] = evaluateValue(session, output.value, ctx, `outputs.${name}`, 'value');
    } catch (failure) {
      if (!(failure instanceof ActionFailure)) throw failure;
      status = 'Failed';
      error ??= { code: failure.code, message: failure.message };
    }
  }
  session.completeRun(status, error, Object.keys(declared).length > 0 ? outputs : undefined);
}
