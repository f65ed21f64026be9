import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Topics, type TriggerFired } from '@patchbay/contracts';
import { EventPublisher, type OutgoingEvent } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { DecisionLogRepository } from '../persistence/decision-log.repository.js';
import { RunGateRepository, type GateKey } from '../persistence/run-gate.repository.js';
import { TriggerRegistry } from '../registry/trigger-registry.js';
import { LOGGER } from '../tokens.js';
import { concurrencyLimitOf } from './concurrency-limit.js';
import { BackgroundLoop } from '../lifecycle/background-loop.js';

type FiredEvent = OutgoingEvent<typeof Topics.triggerFired>;

function outgoing(event: TriggerFired): FiredEvent {
  return { topic: Topics.triggerFired, data: event, options: { key: event.runId, id: event.runId } };
}

/**
 * Where every firing goes before it becomes a run. Triggers without a concurrency limit publish trigger.fired at
 * once. Triggers with one (`runtimeConfiguration.concurrency.runs`, or `SingleInstance`) queue their runs in
 * Postgres and release them, oldest first, while fewer than the limit are active; a run stops being active when
 * the orchestrator's `run.finished` arrives. A firing that finds the queue at `maximumWaitingRuns` is refused.
 * Either way the caller learns only after the run is durable (in Kafka, or in the queue).
 */
@Injectable()
export class FiringGate implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop?: BackgroundLoop;

  constructor(
    private readonly registry: TriggerRegistry,
    private readonly publisher: EventPublisher,
    private readonly gate: RunGateRepository,
    private readonly decisions: DecisionLogRepository,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const pauseMs = Math.max(this.config.PATCHBAY_SCHEDULE_TICK_MS, 1_000);
    this.loop = new BackgroundLoop(
      'releasing waiting runs',
      async () => {
        for (const key of await this.gate.waitingTriggers()) await this.releaseFor(key);
        return pauseMs;
      },
      this.logger,
      pauseMs,
    );
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /**
   * Fires the events; returns the run ids refused because their trigger's waiting queue is full (all of one
   * trigger's events in a call are queued together or refused together).
   */
  async fire(events: readonly FiredEvent[]): Promise<Set<string>> {
    const direct: FiredEvent[] = [];
    const limited = new Map<string, { key: GateKey; events: TriggerFired[] }>();
    for (const event of events) {
      const spec = this.registry.trigger(event.data.workflowId, event.data.triggerName)?.trigger;
      if (spec === undefined || concurrencyLimitOf(spec) === undefined) {
        direct.push(event);
        continue;
      }
      const id = `${event.data.workflowId}/${event.data.triggerName}`;
      const entry = limited.get(id) ?? {
        key: { workflowId: event.data.workflowId, triggerName: event.data.triggerName },
        events: [],
      };
      entry.events.push(event.data);
      limited.set(id, entry);
    }
    await this.publisher.publishAll(direct);
    const refused = new Set<string>();
    for (const { key, events: queued } of limited.values()) {
      const limit = concurrencyLimitOf(this.registry.trigger(key.workflowId, key.triggerName)!.trigger)!;
      if (await this.gate.enqueue(key, queued, limit.maximumWaitingRuns)) {
        await this.releaseFor(key);
        continue;
      }
      for (const event of queued) refused.add(event.runId);
      await this.decisions.append([
        {
          ...key,
          outcome: 'rejected',
          detail: {
            runIds: queued.map((e) => e.runId),
            reason: `maximumWaitingRuns (${limit.maximumWaitingRuns}) reached`,
          },
        },
      ]);
    }
    return refused;
  }

  /** A run finished: frees its slot and starts the next waiting run of its trigger. */
  async finished(key: GateKey, runId: string): Promise<void> {
    // Runs of triggers without a limit never hold a slot: no database round trip for them.
    const spec = this.registry.trigger(key.workflowId, key.triggerName)?.trigger;
    if (spec !== undefined && concurrencyLimitOf(spec) === undefined) return;
    if (await this.gate.finished(key, runId)) await this.releaseFor(key);
  }

  /** Releases what the trigger's limit allows now (all of it when the trigger lost its limit or is gone). */
  async releaseFor(key: GateKey): Promise<number> {
    const spec = this.registry.trigger(key.workflowId, key.triggerName)?.trigger;
    const limit = spec === undefined ? undefined : concurrencyLimitOf(spec);
    return this.gate.release(key, limit?.runs ?? Number.MAX_SAFE_INTEGER, (events) =>
      this.publisher.publishAll(events.map(outgoing)),
    );
  }
}
