/**
 * Points between the Postgres and the Vault writes of a two-store change where a crash leaves a half-written
 * state. The crash-consistency tests start the service as a child process with `PATCHBAY_FAULT_INJECTION`
 * set to one of them; the process then kills itself (SIGKILL, no cleanup) when it gets there.
 */
export const FAULT_POINTS = [
  'create:after-vault-write',
  'update:after-intent',
  'update:after-vault-write',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

/** Kills the process at the armed point. Unarmed (production) it does nothing. */
export class FaultInjector {
  constructor(private readonly armed: FaultPoint | undefined) {}

  reached(point: FaultPoint): void {
    if (point === this.armed) process.kill(process.pid, 'SIGKILL');
  }
}
