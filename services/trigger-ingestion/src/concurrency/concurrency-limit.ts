import type { TriggerSpec } from '@patchbay/contracts';
import { hasOperationOption } from '@patchbay/wdl';

/** Waiting runs a limited trigger may queue when its definition does not say. */
export const DEFAULT_MAXIMUM_WAITING_RUNS = 100;

export interface ConcurrencyLimit {
  /** Most runs of the trigger at once. */
  runs: number;
  /** Most runs waiting for a slot; more firings are refused. */
  maximumWaitingRuns: number;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * The trigger's concurrency limit: `runtimeConfiguration.concurrency.runs` (with `maximumWaitingRuns`), or
 * `operationOptions: SingleInstance` (one run at a time). `undefined`: no limit, runs start as they fire.
 */
export function concurrencyLimitOf(spec: TriggerSpec): ConcurrencyLimit | undefined {
  const concurrency = (spec.runtimeConfiguration as { concurrency?: Record<string, unknown> } | undefined)
    ?.concurrency;
  const maximumWaitingRuns = positiveInteger(concurrency?.maximumWaitingRuns) ?? DEFAULT_MAXIMUM_WAITING_RUNS;
  if (hasOperationOption(spec.operationOptions, 'SingleInstance')) return { runs: 1, maximumWaitingRuns };
  const runs = positiveInteger(concurrency?.runs);
  return runs === undefined ? undefined : { runs, maximumWaitingRuns };
}
