import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import type { ActionCompleted, TriggerFired } from '@patchbay/contracts';
import { Topics } from '@patchbay/contracts';
import { DependencyUnavailableError } from '@patchbay/platform';
import { RunEntity } from '../persistence/run.entity.js';
import { RunTimerEntity } from '../persistence/run-timer.entity.js';
import { RunActionEntity } from '../persistence/run-action.entity.js';
import type { OutboxMessageEntity } from '../persistence/outbox-message.entity.js';
import { OutboxWriter, type OutboxEvent } from '../outbox/outbox.writer.js';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import type { WorkflowDefinition } from '@patchbay/wdl';
import { DefinitionCache } from '../engine/definition-cache.js';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { RUN_ENGINE, type EngineStep, type RunEngine } from '../engine/run-engine.port.js';
import { insertRows } from '../persistence/insert-rows.js';

const TERMINAL = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut']);

/**
 * Drives runs. Each incoming event is one database transaction: load the run under a row lock, let the engine
 * take a step, store the new state, and add the resulting events and timers, all committed together. Events
 * seen twice (Kafka redelivery) change nothing: a run is created once per id, and a completion whose attempt
 * the engine no longer waits for is ignored by the engine.
 */
@Injectable()
export class RunCoordinator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly definitions: DefinitionCache,
    @Inject(RUN_ENGINE) private readonly engine: RunEngine,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  async startRun(trigger: TriggerFired): Promise<void> {
    await this.inTransaction(async (manager, written) => {
      const pinned = await this.definitions.get(manager, trigger.workflowId, trigger.workflowVersion);
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
      const run = manager.create(RunEntity, {
        id: trigger.runId,
        workflowId: pinned.workflowId,
        workflowVersion: pinned.version,
        triggerName: trigger.triggerName,
        status: step.status,
        startedAt: now,
        endedAt: TERMINAL.has(step.status) ? now : null,
        state: step.state,
        error: step.error ?? null,
        revision: 1,
      });
      // Idempotent start in one round trip: a redelivered trigger.fired finds its run and writes nothing.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(RunEntity)
        .values(run as ObjectLiteral)
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return;
      await this.apply(manager, written, run, step, [
        {
          topic: Topics.runEvent,
          key: run.id,
          data: {
            kind: 'run.started',
            runId: run.id,
            workflowId: run.workflowId,
            triggerName: run.triggerName,
            at: now.toISOString(),
          },
        },
      ]);
    });
  }

  async completeAction(event: ActionCompleted): Promise<void> {
    await this.advance(event.runId, (state, now, definition) =>
      this.engine.onActionCompleted(state, event, now, definition),
    );
  }

  async fireTimer(runId: string, timerId: string): Promise<void> {
    await this.advance(
      runId,
      (state, now, definition) => this.engine.onTimerFired(state, timerId, now, definition),
      timerId,
    );
  }

  private async advance(
    runId: string,
    step: (state: unknown, now: Date, definition: WorkflowDefinition) => EngineStep,
    timerId?: string,
  ): Promise<void> {
    await this.inTransaction(async (manager, written) => {
      const run = await manager.findOne(RunEntity, {
        where: { id: runId },
        lock: { mode: 'pessimistic_write' },
      });
      if (run === null || TERMINAL.has(run.status)) return;
      if (timerId !== undefined) {
        const deleted = await manager.delete(RunTimerEntity, { runId, timerId });
        if (deleted.affected === 0) return;
      }
      const pinned = await this.definitions.get(manager, run.workflowId, run.workflowVersion);
      const now = new Date();
      const next = step(run.state, now, pinned.definition);
      run.state = next.state;
      run.status = next.status;
      run.error = next.error ?? null;
      run.revision += 1;
      if (TERMINAL.has(next.status)) run.endedAt = now;
      // A plain UPDATE (save() would first SELECT the row again).
      await manager
        .createQueryBuilder()
        .update(RunEntity)
        .set({
          state: run.state,
          status: run.status,
          error: run.error,
          revision: run.revision,
          endedAt: run.endedAt,
        } as ObjectLiteral)
        .where('id = :id', { id: run.id })
        .execute();
      await this.apply(manager, written, run, next, []);
    });
  }

  /** Turns engine commands into outbox events and timers, inside the transaction. */
  private async apply(
    manager: EntityManager,
    written: OutboxMessageEntity[],
    run: RunEntity,
    step: EngineStep,
    extra: OutboxEvent[],
  ): Promise<void> {
    const events: OutboxEvent[] = [...extra];
    const history: RunActionEntity[] = [];
    const at = new Date().toISOString();
    for (const command of step.commands) {
      switch (command.kind) {
        case 'requestAction': {
          const data: OutboxEvent<typeof Topics.actionRequested>['data'] = {
            runId: run.id,
            workflowId: run.workflowId,
            actionName: command.actionName,
            attemptId: command.attemptId,
            idempotencyKey: command.idempotencyKey,
            actionType: command.actionType,
            inputs: command.inputs,
            requestedAt: at,
          };
          if (command.connectionName !== undefined) data.connectionName = command.connectionName;
          if (command.deadline !== undefined) data.deadline = command.deadline;
          events.push({ topic: Topics.actionRequested, key: run.id, data });
          break;
        }
        case 'respond':
          events.push({
            topic: Topics.runResponse,
            key: run.id,
            data: {
              runId: run.id,
              statusCode: command.statusCode,
              headers: command.headers,
              body: command.body,
            },
          });
          break;
        case 'startTimer':
          await manager.upsert(
            RunTimerEntity,
            { runId: run.id, timerId: command.timerId, dueAt: new Date(command.dueAt) },
            ['runId', 'timerId'],
          );
          break;
        case 'cancelTimer':
          await manager.delete(RunTimerEntity, { runId: run.id, timerId: command.timerId });
          break;
        case 'actionFinished':
          history.push(
            Object.assign(new RunActionEntity(), {
              runId: run.id,
              seq: String(run.revision * 1_000_000 + history.length),
              actionName: command.actionName,
              iterationPath: command.iterationPath,
              status: command.status,
              result: command.result,
            }),
          );
          if (!this.config.PATCHBAY_PUBLISH_ACTION_EVENTS) break;
          events.push({
            topic: Topics.runEvent,
            key: run.id,
            data: {
              kind: 'action.finished',
              runId: run.id,
              workflowId: run.workflowId,
              actionName: command.actionName,
              status: command.status,
              at,
            },
          });
          break;
      }
    }
    if (TERMINAL.has(step.status)) {
      await manager.delete(RunTimerEntity, { runId: run.id });
      events.push({
        topic: Topics.runEvent,
        key: run.id,
        data: {
          kind: 'run.finished',
          runId: run.id,
          workflowId: run.workflowId,
          triggerName: run.triggerName,
          status: step.status,
          at,
        },
      });
    }
    if (history.length > 0) await insertRows(manager, RunActionEntity, history);
    written.push(...(await this.outbox.add(manager, events)));
  }

  /** One transaction; the outbox rows it wrote are published as soon as it has committed. */
  private async inTransaction(
    work: (manager: EntityManager, written: OutboxMessageEntity[]) => Promise<void>,
  ): Promise<void> {
    const written: OutboxMessageEntity[] = [];
    try {
      await this.dataSource.transaction((manager) => work(manager, written));
    } catch (error) {
      if (isConnectionError(error))
        throw new DependencyUnavailableError('Postgres is unavailable', [], { cause: error });
      throw error;
    }
    this.relay.publishCommitted(written);
  }
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
