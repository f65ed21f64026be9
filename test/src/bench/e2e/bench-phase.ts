import { loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { PhaseResult } from './bench-report.js';
import { REQUEST_BODY, type BenchSystem, type DeployedVariant, type RunCount } from './bench-system.js';
import { runLoad } from './load.js';
import { UsageSampler } from './process-usage.js';

export interface PhaseSpec {
  concurrency: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The exact answer text every request must get. */
  expectBody: string;
}

const SETTLE_POLL_MS = 250;
/** The history counts as settled when nothing is unfinished and the count held still this long. */
const SETTLE_STILL_MS = 1_000;
const SETTLE_TIMEOUT_MS = 180_000;

/** Waits until the workflow's history has no unfinished run and its count stopped growing; returns the count. */
async function settledCount(system: BenchSystem, deployed: DeployedVariant): Promise<RunCount> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = await system.countRuns(deployed);
  let stillSince = Date.now();
  for (;;) {
    await delay(SETTLE_POLL_MS);
    const now = await system.countRuns(deployed);
    if (now.total !== last.total || now.unfinished > 0) stillSince = Date.now();
    last = now;
    if (Date.now() - stillSince >= SETTLE_STILL_MS) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `${system.name}: the history of ${deployed.workflowId} did not settle in ${SETTLE_TIMEOUT_MS / 1000} s ` +
          `(${now.total} runs, ${now.unfinished} unfinished)`,
      );
    }
  }
}

/**
 * One row of the table: warm-up at the same concurrency, wait for the history to settle, then the measured
 * window. CPU and memory are sampled from the start of the load until the history settled again, so work a
 * system defers past its answer (saving history, relaying events) is charged to it.
 */
export async function runPhase(
  system: BenchSystem,
  deployed: DeployedVariant,
  spec: PhaseSpec,
  say: (line: string) => void,
): Promise<PhaseResult> {
  const body = JSON.stringify(REQUEST_BODY);
  const load = { url: deployed.url, body, expectBody: spec.expectBody, connections: spec.concurrency };
  say(`${system.name} ${deployed.variant} c${spec.concurrency}: warm-up ${spec.warmupSeconds} s`);
  await runLoad({ ...load, durationSeconds: spec.warmupSeconds });
  const before = await settledCount(system, deployed);

  const sampler = new UsageSampler(await system.processSelector());
  await sampler.start();
  const result = await runLoad({ ...load, durationSeconds: spec.durationSeconds });
  const settleStart = Date.now();
  const after = await settledCount(system, deployed);
  const settleSeconds = (Date.now() - settleStart - SETTLE_STILL_MS) / 1000;
  const usage = await sampler.stop();

  const runsRecorded = after.total - before.total;
  const phase: PhaseResult = {
    system: system.name,
    variant: deployed.variant,
    concurrency: spec.concurrency,
    workflowId: deployed.workflowId,
    load: result,
    usage,
    runsRecorded,
    runsSucceeded: after.succeeded - before.succeeded,
    lost: Math.max(0, result.ok - runsRecorded),
    settleSeconds: Math.max(0, settleSeconds),
    loadAverage: loadavg()[0] ?? 0,
  };
  say(
    `${system.name} ${deployed.variant} c${spec.concurrency}: ${result.requestsPerSecond.toFixed(1)} req/s, ` +
      `p99 ${result.latencyMs.p99} ms, errors ${result.errors}, runs ${runsRecorded} for ${result.ok} answers, ` +
      `load average ${phase.loadAverage.toFixed(1)}`,
  );
  return phase;
}
