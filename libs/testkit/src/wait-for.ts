import { setTimeout as delay } from 'node:timers/promises';
import { TestkitError } from './errors.js';

export interface WaitForOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Pause between two evaluations of the condition (default 50 ms). */
  readonly intervalMs?: number;
  /** What is awaited, for the timeout message, e.g. "two messages on topic x". */
  readonly description?: string;
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `condition` until it returns a truthy value and resolves with that value.
 * A condition that throws counts as "not yet"; its last error is reported if the wait times out.
 * Use it to wait for an observable effect (a consumed message, a row, a status), never as a sleep.
 *
 * @throws {TestkitError} code `WAIT_FOR_TIMEOUT` when `timeoutMs` passes first.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<Truthy<Awaited<T>>> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 50;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as Truthy<Awaited<T>>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = options.description ?? 'condition';
      const reason = lastError === undefined ? 'still false' : `last error: ${describe(lastError)}`;
      throw new TestkitError(
        'WAIT_FOR_TIMEOUT',
        `${what} not met within ${options.timeoutMs} ms (${reason})`,
        {
          cause: lastError,
        },
      );
    }
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
