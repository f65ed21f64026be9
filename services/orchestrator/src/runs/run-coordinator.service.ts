import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActionCallback, ActionCompleted, TriggerFired } from '@patchbay/contracts';
import { Topics } from '@patchbay/contracts';
import { DependencyUnavailableError } from '@patchbay/platform';
import type { WorkflowDefinition } from '@patchbay/wdl';
import { OutboxWriter } from '../outbox/outbox.writer.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import type { OutboxMessageEntity } from '../persistence/outbox-message.entity.js';
import { RunStore, type Queryable } from '../persistence/run-store.js';
import { DefinitionCache } from '../engine/definition-cache.js';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { RUN_ENGINE, type EngineStep, type RunEngine } from '../engine/run-engine.port.js';
import { stepEffects, TERMINAL_STATUSES, type RunIdentity } from './step-effects.js';
import { RequestTopicRouter } from '../routing/request-topic.router.js';

/**
 * Drives runs. Each incoming event is one atomic change: the run row (under its lock), the step's history rows,
 * timers and outbox events commit together, and the events are published right after the commit. Events seen
 * twice (Kafka redelivery) change nothing: a run is created once per id, and a completion whose attempt the
 * engine no longer waits for is ignored by the engine.
 */
@Injectable()
export class RunCoordinator {
  private readonly store = new RunStore();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly definitions: DefinitionCache,
    private readonly router: RequestTopicRouter,
    @Inject(RUN_ENGINE) private readonly engine: RunEngine,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  /** Starts the run of a fired trigger: one statement, nothing written when the run exists already. */
  async startRun(trigger: TriggerFired): Promise<void> {
    const published = await this.guarded(async () => {
      const pinned = await this.definitions.get(
        this.dataSource.manager,
        trigger.workflowId,
        trigger.workflowVersion,
      );
      const now = new Date();
      const step = this.engine.start({
        runId: trigger.runId,
        workflowId: pinned.workflowId,
        workflowName: pinned.workflowName,
        workflowVersion: pinned.version,
        definition: pinned.definition,
        parameters: pinned.parameters,
        trigger,
        now,
      });
      const identity: RunIdentity = {
        id: trigger.runId,
        workflowId: pinned.workflowId,
        triggerName: trigger.triggerName,
        revision: 1,
      };
      const effects = this.effects(identity, step, now, [
        {
          topic: Topics.runEvent,
          key: identity.id,
          data: {
            kind: 'run.started',
            runId: identity.id,
            workflowId: identity.workflowId,
            triggerName: identity.triggerName,
            at: now.toISOString(),
          },
        },
      ]);
      const rows = this.outbox.rowsFor(await this.router.route(effects.events));
      const result = await this.store.insert(
        this.dataSource,
        {
          id: identity.id,
          workflowId: identity.workflowId,
          workflowVersion: pinned.version,
          triggerName: identity.triggerName,
          startedAt: now,
        },
        { status: step.status, state: step.state, error: step.error, revision: 1, endedAt: endOf(step, now) },
        effects,
        rows,
      );
      return result.started ? result.outbox : [];
    });
    this.relay.publishCommitted(published);
  }

  async completeAction(event: ActionCompleted): Promise<void> {
    await this.advance(event.runId, (state, now, definition) =>
      this.engine.onActionCompleted(state, event, now, definition),
    );
  }

  /** A webhook action's callback: applied like a completion (same lock, same outbox path). */
  async receiveCallback(event: ActionCallback): Promise<void> {
    await this.advance(event.runId, (state, now, definition) =>
      this.engine.onActionCallback(state, event, now, definition),
    );
  }

  async fireTimer(runId: string, timerId: string): Promise<void> {
    await this.advance(
      runId,
      (state, now, definition) => this.engine.onTimerFired(state, timerId, now, definition),
      timerId,
    );
  }

  /**
   * Cancels a run that has not ended (admin cancel, maximum run duration), like any other step: under the run
   * lock, with its history rows and run.finished in the same commit, so the trigger's concurrency slot is freed.
   * Answers what it found: `advanced` (cancelled now), `ended` (it had ended already) or `unknown`.
   */
  async cancelRun(runId: string, reason: string): Promise<AdvanceOutcome> {
    return this.advance(runId, (state, now, definition) =>
      this.engine.onCancel(state, reason, now, definition),
    );
  }

  private async advance(
    runId: string,
    step: (state: unknown, now: Date, definition: WorkflowDefinition) => EngineStep,
    timerId?: string,
  ): Promise<AdvanceOutcome> {
    let outcome: AdvanceOutcome = 'advanced';
    const published = await this.guarded(() =>
      this.dataSource.transaction(async (manager): Promise<OutboxMessageEntity[]> => {
        const tx: Queryable = manager;
        const run = await this.store.lock(tx, runId);
        outcome = run === undefined ? 'unknown' : TERMINAL_STATUSES.has(run.status) ? 'ended' : 'advanced';
        if (run === undefined || TERMINAL_STATUSES.has(run.status)) return [];
        if (timerId !== undefined && !(await this.store.claimTimer(tx, runId, timerId))) return [];
        const pinned = await this.definitions.get(manager, run.workflowId, run.workflowVersion);
        const now = new Date();
        const next = step(run.state, now, pinned.definition);
        const revision = run.revision + 1;
        const effects = this.effects({ ...run, revision }, next, now, []);
        return this.store.update(
          tx,
          runId,
          { status: next.status, state: next.state, error: next.error, revision, endedAt: endOf(next, now) },
          effects,
          // A cold routing cache asks connection-store here; a warm one adds no round trip.
          this.outbox.rowsFor(await this.router.route(effects.events)),
        );
      }),
    );
    this.relay.publishCommitted(published);
    return outcome;
  }

  private effects(run: RunIdentity, step: EngineStep, now: Date, extra: Parameters<typeof stepEffects>[2]) {
    return stepEffects(run, step, extra, {
      publishActionEvents: this.config.PATCHBAY_PUBLISH_ACTION_EVENTS,
      at: now.toISOString(),
    });
  }

  /** Postgres connection failures become retryable: the Kafka transport backs off and tries again. */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isConnectionError(error))
        throw new DependencyUnavailableError('Postgres is unavailable', [], { cause: error });
      throw error;
    }
  }
}

/** What an event found: a run it moved on, a run that had ended already, or no run. */
export type AdvanceOutcome = 'advanced' | 'ended' | 'unknown';

function endOf(step: EngineStep, now: Date): Date | null {
  return TERMINAL_STATUSES.has(step.status) ? now : null;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    (code.startsWith('08') ||
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === '57P01' ||
      code === '40001' ||
      code === '40P01')
  );
}
