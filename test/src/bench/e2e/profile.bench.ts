// node test/dist/bench/e2e/profile.bench.js [--seconds 15] [--concurrency 50] [--variant http]
//   [--services trigger-ingestion,orchestrator,connector-runtime,connection-store] [--out-dir <dir>]
// Profiles the running Patchbay services (deploy/local) under bench:e2e's load, one service at a time, without
// restarting them: SIGUSR1 opens a service's inspector, the V8 profiler records while autocannon drives the
// workflow, then the inspector is closed. Prints each service's top self-time cost centres and functions, and
// Postgres and Kafka figures per run over the whole profiling window. Writes .cpuprofile files to --out-dir.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findRepoRoot, readEnvFile } from '@patchbay/testkit';
import { REQUEST_BODY, VARIANTS, type Variant } from './bench-system.js';
import { profileRunningProcess, summarize, type ProfileSummary } from './cpu-profiler.js';
import { startEchoServer } from './echo-server.js';
import { runLoad, type LoadResult } from './load.js';
import { PatchbaySystem } from './patchbay-system.js';
import { perRun, readCounters } from './platform-stats.js';

const SERVICES = ['trigger-ingestion', 'orchestrator', 'connector-runtime', 'connection-store'] as const;

function say(line: string): void {
  process.stderr.write(`[profile] ${line}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '15' },
      concurrency: { type: 'string', default: '50' },
      variant: { type: 'string', default: 'http' },
      services: { type: 'string', default: SERVICES.slice(0, 3).join(',') },
      'out-dir': { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`--seconds: expected a whole number >= 1`);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`--concurrency: expected a whole number >= 1`);
  const variant = values.variant as Variant;
  if (!VARIANTS.includes(variant)) throw new Error(`--variant: expected one of ${VARIANTS.join(', ')}`);
  const services = values.services.split(',').map((s) => s.trim());
  for (const s of services) {
    if (!(SERVICES as readonly string[]).includes(s)) throw new Error(`--services: unknown service '${s}'`);
  }

  const repoRoot = findRepoRoot();
  const env = (await readEnvFile(join(repoRoot, 'deploy', 'local', '.env'))) ?? {};
  const stateDir = env['PATCHBAY_STATE_DIR'] ?? join(repoRoot, 'deploy', 'local', '.state');
  const outDir = resolve(values['out-dir'] ?? join(stateDir, 'profiles'));
  await mkdir(outDir, { recursive: true });
  const databaseUrl = env['DATABASE_URL'];
  const brokers = (env['KAFKA_BROKERS'] ?? '').split(',').filter((b) => b !== '');
  if (databaseUrl === undefined || brokers.length === 0)
    throw new Error('deploy/local/.env lacks DATABASE_URL or KAFKA_BROKERS');

  const echo = await startEchoServer();
  const patchbay = await PatchbaySystem.connect();
  try {
    const deployed = await patchbay.deploy(variant, echo.url);
    const load = {
      url: deployed.url,
      body: JSON.stringify(REQUEST_BODY),
      expectBody: JSON.stringify({ greeting: 'Hello, bench' }),
      connections: concurrency,
    };
    say(`warm-up 5 s at c${concurrency}`);
    await runLoad({ ...load, durationSeconds: 5 });
    const runsBefore = await patchbay.countRuns(deployed);
    const before = await readCounters(databaseUrl, brokers);

    const report: { service: string; load: LoadResult; summary: ProfileSummary; file: string }[] = [];
    for (const service of services) {
      const pid = Number((await readFile(join(stateDir, 'pids', `${service}.pid`), 'utf8')).trim());
      say(`${service} (pid ${pid}): profiling ${seconds} s under c${concurrency} ${variant}`);
      let result: LoadResult | undefined;
      const profile = await profileRunningProcess(pid, async () => {
        result = await runLoad({ ...load, durationSeconds: seconds });
      });
      const file = join(outDir, `${service}-${new Date().toISOString().replaceAll(':', '')}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      report.push({ service, load: result as LoadResult, summary: summarize(profile), file });
    }

    await new Promise((r) => setTimeout(r, 2_000));
    const after = await readCounters(databaseUrl, brokers);
    const runsAfter = await patchbay.countRuns(deployed);
    const runs = runsAfter.total - runsBefore.total;

    const out: string[] = [];
    for (const { service, load: l, summary, file } of report) {
      out.push(
        `== ${service}: ${l.requestsPerSecond.toFixed(1)} req/s, p99 ${l.latencyMs.p99} ms; on CPU ${(summary.busyMs / 1000).toFixed(1)} s of ${seconds} s (${file})`,
        '   cost centres (self time):',
        ...summary.centres.map(
          (c) =>
            `   ${(c.share * 100).toFixed(1).padStart(5)}%  ${c.ms.toFixed(0).padStart(6)} ms  ${c.name}`,
        ),
        '   functions (self time):',
        ...summary.functions.map(
          (f) =>
            `   ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.ms.toFixed(0).padStart(6)} ms  ${f.name}`,
        ),
      );
    }
    out.push(`== per run (${runs} runs over the profiling windows, other tenants of the database included):`);
    for (const [name, value] of Object.entries(perRun(before, after, runs))) {
      if (value !== 0) out.push(`   ${name} ${value}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    await writeFile(
      join(outDir, 'summary.json'),
      JSON.stringify(
        { variant, concurrency, seconds, runs, report, perRun: perRun(before, after, runs) },
        null,
        2,
      ),
    );
  } finally {
    await patchbay.close();
    await echo.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
