import { Topics } from '@patchbay/contracts';
import type { EngineStep } from '../engine/run-engine.port.js';
import type { OutboxEvent } from '../outbox/outbox.writer.js';

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  'Succeeded',
  'Failed',
  'Cancelled',
  'TimedOut',
]);

/** The run a step belongs to, as the effects need it. */
export interface RunIdentity {
  id: string;
  workflowId: string;
  triggerName: string;
  /** The revision the step produces (1 for the start). */
  revision: number;
}

export interface RunActionRow {
  seq: string;
  actionName: string;
  iterationPath: number[];
  status: string;
  result: unknown;
}

/** Everything one engine step changes besides the run row, decided before anything is written. */
export interface StepEffects {
  events: OutboxEvent[];
  actions: RunActionRow[];
  /** Timers to create or move (net of timers the same step cancelled). */
  timersToSet: { timerId: string; dueAt: string }[];
  /** Timers to delete (net of timers the same step started again). */
  timersToDelete: string[];
  /** The run ended: every timer of it goes. */
  deleteAllTimers: boolean;
}

/** Turns engine commands into outbox events, history rows and timer changes. Pure. */
export function stepEffects(
  run: RunIdentity,
  step: EngineStep,
  extra: OutboxEvent[],
  options: { publishActionEvents: boolean; at: string },
): StepEffects {
  const events: OutboxEvent[] = [...extra];
  const actions: RunActionRow[] = [];
  const timers = new Map<string, string | null>();
  const { at } = options;
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
        if (command.pagination !== undefined) data.pagination = command.pagination;
        if (command.operation !== undefined) data.operation = command.operation;
        if (command.callbackUrl !== undefined) data.callbackUrl = command.callbackUrl;
        if (command.subscription !== undefined) data.subscription = command.subscription;
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
        timers.set(command.timerId, command.dueAt);
        break;
      case 'cancelTimer':
        timers.set(command.timerId, null);
        break;
      case 'actionFinished':
        actions.push({
          seq: String(run.revision * 1_000_000 + actions.length),
          actionName: command.actionName,
          iterationPath: command.iterationPath,
          status: command.status,
          result: command.result,
        });
        if (options.publishActionEvents) {
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
        }
        break;
    }
  }
  const deleteAllTimers = TERMINAL_STATUSES.has(step.status);
  if (deleteAllTimers) {
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
  const timersToSet: StepEffects['timersToSet'] = [];
  const timersToDelete: string[] = [];
  if (!deleteAllTimers) {
    for (const [timerId, dueAt] of timers) {
      if (dueAt === null) timersToDelete.push(timerId);
      else timersToSet.push({ timerId, dueAt });
    }
  }
  return { events, actions, timersToSet, timersToDelete, deleteAllTimers };
}
