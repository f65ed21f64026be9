import type { TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';

/** Delay before the next poll after `failures` failed polls in a row: doubling from the first, capped. */
export function backoffMs(
  config: Pick<TriggerIngestionConfig, 'PATCHBAY_POLL_BACKOFF_MS' | 'PATCHBAY_POLL_BACKOFF_MAX_MS'>,
  failures: number,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(config.PATCHBAY_POLL_BACKOFF_MAX_MS, config.PATCHBAY_POLL_BACKOFF_MS * 2 ** exponent);
}
