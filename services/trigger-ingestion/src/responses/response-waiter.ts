import type { RunResponse } from '@patchbay/contracts';

interface Pending {
  resolve: (response: RunResponse | undefined) => void;
  timer: NodeJS.Timeout;
}

/**
 * Callers of Request triggers that wait for a Response action. `wait` is registered before the trigger event is
 * published, so an answer can never arrive before anyone listens; it resolves `undefined` on timeout.
 */
export class ResponseWaiter {
  private readonly pending = new Map<string, Pending>();

  wait(runId: string, timeoutMs: number): Promise<RunResponse | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(runId);
        resolve(undefined);
      }, timeoutMs);
      this.pending.set(runId, { resolve, timer });
    });
  }

  /** Delivers an answer to the waiting caller, if this replica holds it. */
  deliver(response: RunResponse): void {
    const entry = this.pending.get(response.runId);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.pending.delete(response.runId);
    entry.resolve(response);
  }

  /** Stops waiting (e.g. the publish failed). */
  cancel(runId: string): void {
    const entry = this.pending.get(runId);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.pending.delete(runId);
  }

  get waiting(): number {
    return this.pending.size;
  }
}
