import type { Variant } from './bench-system.js';
import type { LoadResult } from './load.js';
import type { UsageSummary } from './process-usage.js';

/** One measured window: one system, one variant, one concurrency. */
export interface PhaseResult {
  system: 'patchbay' | 'n8n';
  variant: Variant;
  concurrency: number;
  workflowId: string;
  load: LoadResult;
  usage: UsageSummary;
  /** Runs the system's history gained during the window (and the settling after it). */
  runsRecorded: number;
  runsSucceeded: number;
  /** Correct answers that have no run in the history. */
  lost: number;
  /** Seconds the history needed after the load stopped to hold every run, finished. */
  settleSeconds: number;
  /** The machine's 1-minute load average when the window closed (other work on a shared machine skews a row). */
  loadAverage: number;
}

export interface Ratio {
  variant: Variant;
  concurrency: number;
  throughputRatio: number;
  p99Ratio: number;
}

/** Patchbay ÷ n8n for every variant and concurrency both systems were measured at. */
export function ratios(results: readonly PhaseResult[]): Ratio[] {
  const out: Ratio[] = [];
  for (const pb of results.filter((r) => r.system === 'patchbay')) {
    const other = results.find(
      (r) => r.system === 'n8n' && r.variant === pb.variant && r.concurrency === pb.concurrency,
    );
    if (other === undefined) continue;
    out.push({
      variant: pb.variant,
      concurrency: pb.concurrency,
      throughputRatio: pb.load.requestsPerSecond / other.load.requestsPerSecond,
      p99Ratio: pb.load.latencyMs.p99 / other.load.latencyMs.p99,
    });
  }
  return out;
}

const COLUMNS = [
  ['system', 8],
  ['variant', 7],
  ['c', 3],
  ['req/s', 8],
  ['p50 ms', 7],
  ['p90 ms', 7],
  ['p99 ms', 7],
  ['errors', 6],
  ['CPU s', 7],
  ['CPU ms/req', 10],
  ['peak RSS MiB', 12],
  ['runs', 6],
  ['lost', 4],
] as const;

function row(cells: readonly string[]): string {
  return cells.map((cell, i) => cell.padStart(COLUMNS[i]?.[1] ?? 0)).join('  ');
}

/** The results as a fixed-width table, then the ratios. */
export function formatTable(results: readonly PhaseResult[]): string {
  const lines = [row(COLUMNS.map(([name]) => name))];
  for (const r of results) {
    lines.push(
      row([
        r.system,
        r.variant,
        String(r.concurrency),
        r.load.requestsPerSecond.toFixed(1),
        r.load.latencyMs.p50.toFixed(0),
        r.load.latencyMs.p90.toFixed(0),
        r.load.latencyMs.p99.toFixed(0),
        String(r.load.errors),
        r.usage.cpuSeconds.toFixed(1),
        r.load.ok > 0 ? ((r.usage.cpuSeconds * 1000) / r.load.ok).toFixed(2) : '-',
        r.usage.peakRssMiB.toFixed(0),
        String(r.runsRecorded),
        String(r.lost),
      ]),
    );
  }
  const rs = ratios(results);
  if (rs.length > 0) {
    lines.push('', 'patchbay / n8n:');
    for (const r of rs) {
      lines.push(
        `  ${r.variant.padEnd(7)} c${String(r.concurrency).padEnd(3)} throughput_ratio=${r.throughputRatio.toFixed(2)} p99_ratio=${r.p99Ratio.toFixed(3)}`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * `c50 throughput_ratio=<patchbay req/s ÷ n8n req/s> p99_ratio=<patchbay p99 ÷ n8n p99> lost=<runs missing from
 * either history>`, for the full workflow (the HTTP variant) at the highest concurrency measured.
 */
export function lastLine(results: readonly PhaseResult[]): string {
  const lost = results.reduce((sum, r) => sum + r.lost, 0);
  const rs = ratios(results);
  const main = rs.filter((r) => r.variant === 'http');
  const pick = (main.length > 0 ? main : rs).reduce<Ratio | undefined>(
    (best, r) => (best === undefined || r.concurrency > best.concurrency ? r : best),
    undefined,
  );
  if (pick === undefined) return `c50 throughput_ratio=n/a p99_ratio=n/a lost=${lost}`;
  return `c${pick.concurrency} throughput_ratio=${pick.throughputRatio.toFixed(2)} p99_ratio=${pick.p99Ratio.toFixed(3)} lost=${lost}`;
}
