import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TriggerFired } from '@patchbay/contracts';
import type { EventPublisher } from '@patchbay/platform';
import {
  announce,
  collectFired,
  kafkaOf,
  orchestratorPublisher,
  resolveInfrastructure,
  waitFor,
  workflowChange,
  type FiredCollector,
} from '../test-support/trigger-ingestion.harness.js';
import { ServiceProcess } from '../test-support/service-process.js';

/** Every occurrence of a 1-second schedule from `first` to `last`, as ISO strings. */
function everySecond(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += 1000) out.push(new Date(t).toISOString());
  return out;
}

function scheduledTimes(events: TriggerFired[], trigger: string): string[] {
  return events.filter((e) => e.triggerName === trigger).map((e) => e.outputs.scheduledTime!);
}

describe('schedules across replicas that crash (real Kafka, Postgres, processes)', () => {
  const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3000).toISOString();
  const triggers = ['every-second-a', 'every-second-b', 'every-second-c'];
  const workflow = workflowChange(
    triggers.map((name) => ({
      name,
      type: 'Recurrence',
      recurrence: { frequency: 'Second', interval: 1, startTime: start },
    })),
  );
  const replicas: ServiceProcess[] = [];
  let collector: FiredCollector;
  let publisher: EventPublisher;

  before(async () => {
    const infra = await resolveInfrastructure();
    const kafka = kafkaOf(infra);
    collector = await collectFired(kafka, [workflow.workflowId]);
    publisher = await orchestratorPublisher(kafka);
    for (let i = 0; i < 3; i += 1) replicas.push(new ServiceProcess(infra));
  });

  after(async () => {
    for (const replica of replicas) await replica.stop();
    await publisher?.disconnect();
    await collector?.stop();
  });

  it('fires every occurrence exactly once while replicas are SIGKILLed and restarted', async () => {
    replicas[0]!.start();
    replicas[1]!.start();
    await announce(publisher, workflow);
    const count = (n: number) => () => collector.of(workflow.workflowId).length >= n;
    await waitFor(count(3 * 4), { timeoutMs: 60_000, description: 'four seconds of firings' });
    await replicas[0]!.kill(); // one of two replicas dies: the other carries on
    const afterFirstKill = collector.of(workflow.workflowId).length;
    await waitFor(count(afterFirstKill + 3 * 3), { timeoutMs: 60_000, description: 'firings after a kill' });
    await replicas[1]!.kill(); // every replica is down: occurrences are due with nobody to fire them
    replicas[2]!.start(); // a fresh replica catches up
    const afterSecondKill = collector.of(workflow.workflowId).length;
    await waitFor(count(afterSecondKill + 3 * 4), {
      timeoutMs: 60_000,
      description: 'firings after restart',
    });

    // Switch the workflow off, then check the full record up to the last occurrence fired.
    await announce(publisher, { ...workflow, version: 2, state: 'Disabled' });
    await collector.drain();
    const events = collector.of(workflow.workflowId);
    for (const trigger of triggers) {
      const times = scheduledTimes(events, trigger);
      const sorted = [...new Set(times)].sort();
      // Occurrences before the replicas first registered the schedule are not backfilled (Recurrence
      // semantics); from the first firing on, none may be missing.
      assert.ok(sorted.length >= 11 && sorted[0]! >= start);
      assert.deepEqual(sorted, everySecond(sorted[0]!, sorted.at(-1)!), `${trigger}: no occurrence missed`);
      const runIds = new Set(events.filter((e) => e.triggerName === trigger).map((e) => e.runId));
      assert.equal(runIds.size, sorted.length, `${trigger}: one run id per occurrence`);
    }
  });
});
