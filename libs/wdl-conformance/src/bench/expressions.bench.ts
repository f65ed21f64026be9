/**
 * `npm run bench:expressions [-- --iterations N] [--rounds R] [--n8n-per-call]`: evaluates a realistic mix of expressions
 * many times with Patchbay's engine and with n8n's, side by side in one process, and prints evaluations per
 * second per expression and overall. The last line is `ratio=<patchbay evals/s ÷ n8n evals/s>` (overall).
 *
 * Both sides get the same data, prepare it once, warm up with the same count and run the same iteration count,
 * in R alternating rounds; each figure is the median round (the machine is shared, so single runs are noisy).
 * Patchbay compiles each template once (as the interpreter does); n8n caches its compiled expressions itself.
 */
import { compileTemplate, createStaticEvaluationContext } from '@patchbay/wdl';
import { BENCH_CASES, BENCH_PAYLOAD } from './expression-bench-cases.js';
import { createN8nEvaluators, n8nEngineName, type N8nEvaluator } from './n8n-expression-runner.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

const iterations = option('--iterations', 10_000);
const rounds = option('--rounds', 3);
const warmup = Math.max(Math.floor(iterations / 10), 1_000);
const perCall = process.argv.includes('--n8n-per-call');

/** Keeps results observable so the JIT cannot drop the evaluations. */
let sink = 0;
function consume(value: unknown): void {
  sink +=
    typeof value === 'string' ? value.length : typeof value === 'number' ? value : value === true ? 1 : 0;
}

function time(run: () => unknown, count: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) consume(run());
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median time of `rounds` runs of `count` evaluations. */
function medianTime(run: () => unknown, count: number): number {
  return median(Array.from({ length: rounds }, () => time(run, count)));
}

function rate(count: number, seconds: number): string {
  return Math.round(count / seconds).toLocaleString('en-US');
}

const ctx = createStaticEvaluationContext({
  trigger: { outputs: { headers: {}, body: BENCH_PAYLOAD } },
  now: '2024-05-02T00:00:00Z',
});
const n8n = createN8nEvaluators(BENCH_PAYLOAD);

interface Row {
  readonly name: string;
  readonly patchbaySeconds: number;
  readonly n8nSeconds: number;
  readonly perCallSeconds?: number;
}

const rows: Row[] = [];
console.log(
  `expression benchmark: ${BENCH_CASES.length} expressions, ${iterations.toLocaleString('en-US')} evaluations per round, ` +
    `median of ${rounds} alternating rounds per engine (warm-up ${warmup.toLocaleString('en-US')}); ` +
    `n8n-workflow evaluator '${n8nEngineName()}', prepared data proxy`,
);
for (const benchCase of BENCH_CASES) {
  const template = compileTemplate(benchCase.wdl);
  const patchbay = (): unknown => template.evaluate(ctx);
  const prepared = (): unknown => n8n.prepared(benchCase.n8n);
  const ours = patchbay();
  const theirs = prepared();
  if (String(ours) !== String(theirs))
    console.log(
      `  note: '${benchCase.name}' differs: patchbay ${JSON.stringify(ours)}, n8n ${JSON.stringify(theirs)}`,
    );
  time(patchbay, warmup);
  time(prepared, warmup);
  const ourTimes: number[] = [];
  const theirTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    ourTimes.push(time(patchbay, iterations));
    theirTimes.push(time(prepared, iterations));
  }
  const row: Row = {
    name: benchCase.name,
    patchbaySeconds: median(ourTimes),
    n8nSeconds: median(theirTimes),
  };
  if (perCall) {
    const slow: N8nEvaluator = n8n.perCall;
    time(() => slow(benchCase.n8n), warmup);
    rows.push({ ...row, perCallSeconds: medianTime(() => slow(benchCase.n8n), iterations) });
  } else {
    rows.push(row);
  }
}

const header = [
  'expression'.padEnd(20),
  'patchbay evals/s'.padStart(18),
  'n8n evals/s'.padStart(14),
  'ratio'.padStart(9),
];
if (perCall) header.push('n8n per-call evals/s'.padStart(22));
console.log(header.join(' '));
for (const row of rows) {
  const cells = [
    row.name.padEnd(20),
    rate(iterations, row.patchbaySeconds).padStart(18),
    rate(iterations, row.n8nSeconds).padStart(14),
    `${(row.n8nSeconds / row.patchbaySeconds).toFixed(1)}x`.padStart(9),
  ];
  if (row.perCallSeconds !== undefined) cells.push(rate(iterations, row.perCallSeconds).padStart(22));
  console.log(cells.join(' '));
}
const total = iterations * rows.length;
const patchbaySeconds = rows.reduce((sum, row) => sum + row.patchbaySeconds, 0);
const n8nSeconds = rows.reduce((sum, row) => sum + row.n8nSeconds, 0);
console.log(
  [
    'overall'.padEnd(20),
    rate(total, patchbaySeconds).padStart(18),
    rate(total, n8nSeconds).padStart(14),
    `${(n8nSeconds / patchbaySeconds).toFixed(1)}x`.padStart(9),
  ].join(' '),
);
console.log(`(checksum ${sink})`);
console.log(`ratio=${(total / patchbaySeconds / (total / n8nSeconds)).toFixed(2)}`);
