/**
 * Static results: an action with `runtimeConfiguration.staticResult {name, staticResultOptions:
 * "Enabled"}` does not run; it returns the mock `outputs`/`status` of `staticResults[name]`.
 */
import type { ActionNode } from '../../definition/index.js';
import type { Outcome, RunSession } from '../run-session.js';

function text(value: unknown, fallback: string): string {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? fallback
      : JSON.stringify(value);
}

const STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled'] as const;

export function staticOutcome(session: RunSession, node: ActionNode): Outcome | undefined {
  const option = node.definition.runtimeConfiguration?.staticResult;
  if (option === undefined || String(option.staticResultOptions ?? 'Enabled').toLowerCase() !== 'enabled')
    return undefined;
  const mock = session.plan.definition.staticResults?.[option.name];
  if (mock === undefined) return undefined;
  const status =
    STATUSES.find((s) => s.toLowerCase() === String(mock.status ?? 'Succeeded').toLowerCase()) ?? 'Succeeded';
  const error =
    mock.error !== null && typeof mock.error === 'object'
      ? (mock.error as Record<string, unknown>)
      : undefined;
  return {
    status,
    outputs: mock.outputs,
    code: status === 'Succeeded' ? 'OK' : text(error?.['code'], 'ActionFailed'),
    ...(status === 'Failed'
      ? {
          error: {
            code: text(error?.['code'], 'ActionFailed'),
            message: text(error?.['message'], `Static result '${option.name}' is Failed.`),
          },
        }
      : {}),
  };
}
