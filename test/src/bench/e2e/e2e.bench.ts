// npm run bench:e2e [-- --duration 20 --warmup 5 --concurrency 1,10,50 --systems patchbay,n8n --variants http,compose
//                       --out deploy/local/.state/bench-e2e.json]
// Patchbay (deploy/local: the four services, Kafka, Postgres, Vault) and n8n (pinned, from the npm registry, on
// the same Postgres cluster) run the same workflow under the same autocannon load, taking turns row by row.
// Prints one table, the Patchbay/n8n ratios, and as its last line
// `c50 throughput_ratio=<patchbay req/s ÷ n8n req/s> p99_ratio=<patchbay p99 ÷ n8n p99> lost=<runs missing>`.
// Raw results go to the JSON file named by --out.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { findRepoRoot, readEnvFile } from '@patchbay/testkit';
import { parseBenchOptions, type BenchOptions } from './bench-options.js';
import { formatTable, lastLine, ratios, type PhaseResult } from './bench-report.js';
import { EXPECTED_ANSWER, REQUEST_BODY, VARIANT_SHAPES, type BenchSystem } from './bench-system.js';
import { startEchoServer, type EchoServer } from './echo-server.js';
import { runPhase } from './bench-phase.js';
import { N8nSystem } from './n8n-system.js';
import { PatchbaySystem } from './patchbay-system.js';

function say(line: string): void {
  process.stderr.write(`[bench:e2e] ${line}\n`);
}

/** Calls the workflow once and returns the exact answer text, after checking it is the expected JSON. */
async function expectedBodyOf(system: BenchSystem, url: string): Promise<string> {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(REQUEST_BODY),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await answer.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (answer.status !== 200 || !isDeepStrictEqual(parsed, EXPECTED_ANSWER)) {
    throw new Error(
      `${system.name} answered HTTP ${answer.status} ${text.slice(0, 300)}; expected 200 ${JSON.stringify(EXPECTED_ANSWER)}`,
    );
  }
  return text;
}

/** Starts (or finds) the systems the options name, in table order. */
async function startSystems(options: BenchOptions, repoRoot: string): Promise<BenchSystem[]> {
  const systems: BenchSystem[] = [];
  try {
    if (options.systems.includes('patchbay')) {
      say('Patchbay: resolving the platform started by deploy/local (npm run up when it is not running)');
      systems.push(await PatchbaySystem.connect());
    }
    if (options.systems.includes('n8n')) {
      const env = (await readEnvFile(join(repoRoot, 'deploy', 'local', '.env'))) ?? {};
      const databaseUrl = process.env['DATABASE_URL'] ?? env['DATABASE_URL'];
      const stateDir = env['PATCHBAY_STATE_DIR'] ?? join(repoRoot, 'deploy', 'local', '.state');
      if (databaseUrl === undefined)
        throw new Error('deploy/local/.env has no DATABASE_URL: run npm run up first');
      say('n8n: installing (once) and starting it on loopback against the same Postgres cluster');
      const t0 = Date.now();
      systems.push(await N8nSystem.start({ repoRoot, databaseUrl, stateDir }));
      say(`n8n ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (error) {
    await Promise.all(systems.map((s) => s.close()));
    throw error;
  }
  return systems;
}

/**
 * Rows in the order variant, concurrency, system: the two systems take turns, so slow drifts in what else the
 * machine is doing hit both alike. Only the system whose row it is gets load; the other idles.
 */
async function benchAll(
  systems: readonly BenchSystem[],
  options: BenchOptions,
  echo: EchoServer,
): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  for (const variant of options.variants) {
    const deployed = [];
    for (const system of systems) {
      const workflow = await system.deploy(variant, echo.url);
      deployed.push({ system, workflow, expectBody: await expectedBodyOf(system, workflow.url) });
    }
    for (const concurrency of options.concurrency) {
      for (const { system, workflow, expectBody } of deployed) {
        results.push(await runPhase(system, workflow, { ...options, concurrency, expectBody }, say));
      }
    }
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const repoRoot = findRepoRoot();
  const echo = await startEchoServer();
  const started = new Date();
  let results: PhaseResult[] = [];
  try {
    const systems = await startSystems(options, repoRoot);
    try {
      results = await benchAll(systems, options, echo);
    } finally {
      await Promise.all(systems.map((s) => s.close()));
    }
  } finally {
    await echo.close();
  }
  // Table order: system, variant, concurrency.
  results.sort((a, b) => options.systems.indexOf(a.system) - options.systems.indexOf(b.system));

  const last = lastLine(results);
  const report = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryMiB: Math.round(totalmem() / 2 ** 20),
      node: process.version,
    },
    options,
    variants: Object.fromEntries(options.variants.map((v) => [v, VARIANT_SHAPES[v]])),
    results,
    ratios: ratios(results),
    lastLine: last,
  };
  const out = resolve(options.out ?? join(repoRoot, 'deploy', 'local', '.state', 'bench-e2e.json'));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);

  const header = [
    `machine: ${report.machine.cpus} cores (${report.machine.cpuModel ?? '?'}), ${report.machine.memoryMiB} MiB, node ${process.version}`,
    `load: autocannon, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s per row, the systems taking turns; CPU and peak RSS summed over all of a system's processes (Patchbay: 4 services + Kafka + Postgres + Vault; n8n: n8n + its task runner + Postgres)`,
    ...options.variants.map((v) => `${v}: ${VARIANT_SHAPES[v]}`),
    `machine load average (1 min) at the end of each row: ${results.map((r) => r.loadAverage.toFixed(1)).join(' ')}; now ${(loadavg()[0] ?? 0).toFixed(1)}`,
    `raw results: ${out}`,
    '',
  ];
  process.stdout.write(`${header.join('\n')}${formatTable(results)}\n${last}\n`);
  if (results.some((r) => r.lost > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:e2e failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
