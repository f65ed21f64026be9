/**
 * `npm run bench:triggers`: registers 10,000 Recurrence triggers (100 workflows x 100 triggers, every minute, start
 * times spread over the minute) and measures, from trigger.fired as a consumer sees it, the lag behind each
 * scheduled time, missed occurrences and duplicates. Phase 1: one replica. Phase 2: two replicas, one SIGKILLed
 * midway. Real Kafka and Postgres (deploy/local). A script, not a test.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { TriggerFired, WorkflowChanged } from '@patchbay/contracts';
import { EventPublisher } from '@patchbay/platform';
import {
  announce,
  FiredCollector,
  kafkaOf,
  resolveInfrastructure,
  workflowChange,
} from '../test-support/trigger-ingestion.harness.js';
import { ServiceProcess } from '../test-support/service-process.js';

const WORKFLOWS = 100;
const TRIGGERS_PER_WORKFLOW = 100;
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 120);
const SETTLE_SECONDS = 25;

interface PhaseResult {
  name: string;
  fired: number;
  lags: number[];
  missed: number;
  duplicates: number;
  cpuSeconds: number;
}

function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function phase(name: string, replicaCount: number, killOneMidway: boolean): Promise<PhaseResult> {
  const infra = await resolveInfrastructure();
  const kafka = kafkaOf(infra);
  const base = Math.ceil(Date.now() / 1000) * 1000 + SETTLE_SECONDS * 1000;
  const workflows: WorkflowChanged[] = [];
  for (let w = 0; w < WORKFLOWS; w += 1) {
    workflows.push(
      workflowChange(
        Array.from({ length: TRIGGERS_PER_WORKFLOW }, (_, t) => ({
          name: `t${t}`,
          type: 'Recurrence',
          recurrence: {
            frequency: 'Minute',
            interval: 1,
            startTime: new Date(base + ((w * TRIGGERS_PER_WORKFLOW + t) % 60) * 1000).toISOString(),
          },
        })),
      ),
    );
  }
  const lags: number[] = [];
  const seen = new Map<string, number>();
  const collector = new FiredCollector(
    kafka,
    new Set(workflows.map((w) => w.workflowId)),
    (event: TriggerFired, receivedAt: number) => {
      const key = `${event.workflowId}/${event.triggerName}/${event.outputs.scheduledTime}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (seen.get(key) === 1) lags.push(receivedAt - Date.parse(event.outputs.scheduledTime!));
    },
  );
  await collector.start();
  const publisher = new EventPublisher(kafka, '/bench/orchestrator');
  await publisher.connect();
  const replicas = Array.from({ length: replicaCount }, () => new ServiceProcess(infra));
  for (const replica of replicas) replica.start();
  for (const workflow of workflows) await announce(publisher, workflow);

  const end = base + PHASE_SECONDS * 1000;
  if (killOneMidway) {
    await delay(base + (PHASE_SECONDS * 1000) / 2 - Date.now());
    const cpuOfKilled = cpuSeconds(replicas[0]!.pid);
    await replicas[0]!.kill();
    process.stderr.write(`[bench] ${name}: killed one replica (cpu ${cpuOfKilled.toFixed(1)} s)\n`);
  }
  await delay(end + 5_000 - Date.now());
  const cpu = replicas.reduce((sum, r) => sum + cpuSeconds(r.pid), 0);
  for (const workflow of workflows) await announce(publisher, { ...workflow, version: 2, state: 'Deleted' });
  await collector.drain();
  for (const replica of replicas) await replica.stop();
  await publisher.disconnect();
  await collector.stop();

  let missed = 0;
  let duplicates = 0;
  workflows.forEach((workflow, w) => {
    for (let t = 0; t < TRIGGERS_PER_WORKFLOW; t += 1) {
      for (let at = base + ((w * TRIGGERS_PER_WORKFLOW + t) % 60) * 1000; at <= end; at += 60_000) {
        const count = seen.get(`${workflow.workflowId}/t${t}/${new Date(at).toISOString()}`) ?? 0;
        if (count === 0) missed += 1;
        if (count > 1) duplicates += count - 1;
      }
    }
  });
  return { name, fired: lags.length, lags: lags.sort((a, b) => a - b), missed, duplicates, cpuSeconds: cpu };
}

function line(result: PhaseResult): string {
  const { lags } = result;
  return (
    `triggers=${WORKFLOWS * TRIGGERS_PER_WORKFLOW} lag_p50=${percentile(lags, 50)} lag_p99=${percentile(lags, 99)} ` +
    `lag_max=${lags.at(-1) ?? 0} missed=${result.missed} duplicates=${result.duplicates}`
  );
}

async function main(): Promise<void> {
  const results = [
    await phase('one replica', 1, false),
    await phase('two replicas, one killed midway', 2, true),
  ];
  for (const result of results) {
    process.stdout.write(
      `[${result.name}] fired=${result.fired} cpu=${result.cpuSeconds.toFixed(1)}s over ${PHASE_SECONDS}s ` +
        `(${((result.cpuSeconds / PHASE_SECONDS) * 100).toFixed(0)}% of one core) ${line(result)}\n`,
    );
  }
  const all: PhaseResult = {
    name: 'all',
    fired: results.reduce((s, r) => s + r.fired, 0),
    lags: results.flatMap((r) => r.lags).sort((a, b) => a - b),
    missed: results.reduce((s, r) => s + r.missed, 0),
    duplicates: results.reduce((s, r) => s + r.duplicates, 0),
    cpuSeconds: 0,
  };
  process.stdout.write(`${line(all)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:triggers failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
