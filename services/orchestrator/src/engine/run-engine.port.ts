import type { ActionCallback, ActionCompleted, RunStatus, TriggerFired } from '@patchbay/contracts';
import type { WorkflowDefinition } from '@patchbay/wdl';

/** What the orchestrator must do after the engine took a step. */
export type EngineCommand =
  | {
      kind: 'requestAction';
      actionName: string;
      attemptId: string;
      idempotencyKey: string;
      actionType: string;
      inputs: unknown;
      connectionName?: string;
      deadline?: string;
      /** Webhook actions: which half of the action this attempt runs. */
      operation?: 'subscribe' | 'unsubscribe';
      /** `subscribe`: the action instance's callback URL. */
      callbackUrl?: string;
      /** `unsubscribe`: the outputs of the subscribe attempt. */
      subscription?: unknown;
      /** `runtimeConfiguration.paginationPolicy.minimumItemCount`, when the action sets one. */
      pagination?: { minimumItemCount: number };
    }
  | { kind: 'respond'; statusCode: number; headers: Record<string, string>; body?: unknown }
  | { kind: 'startTimer'; timerId: string; dueAt: string }
  | { kind: 'cancelTimer'; timerId: string }
  | {
      kind: 'actionFinished';
      actionName: string;
      status: 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled';
      /** Loop iteration indexes from the outermost loop in (empty outside loops). */
      iterationPath: number[];
      /** The action's result for the run history, secure inputs and outputs already redacted. */
      result: unknown;
    };

export interface EngineStep {
  /** Serializable run state, stored as is and handed back on the next step. */
  state: unknown;
  status: RunStatus;
  /** Run-level error (e.g. Terminate Failed with runError). */
  error?: unknown;
  commands: EngineCommand[];
}

export interface RunStartInput {
  runId: string;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  definition: WorkflowDefinition;
  parameters: Record<string, unknown>;
  trigger: TriggerFired;
  now: Date;
}

/**
 * The WDL interpreter as the orchestrator sees it: a pure function of (state, event). Kept behind a port so
 * the coordinator's transaction and outbox logic is tested without the interpreter, and the interpreter
 * without a database.
 */
export interface RunEngine {
  start(input: RunStartInput): EngineStep;
  /** `definition` is the run's pinned definition: the stored state does not repeat it. */
  onActionCompleted(
    state: unknown,
    event: ActionCompleted,
    now: Date,
    definition: WorkflowDefinition,
  ): EngineStep;
  onTimerFired(state: unknown, timerId: string, now: Date, definition: WorkflowDefinition): EngineStep;
  /** A webhook action's callback URL was called. */
  onActionCallback(
    state: unknown,
    event: ActionCallback,
    now: Date,
    definition: WorkflowDefinition,
  ): EngineStep;
  /**
   * Ends the run as Cancelled: what is in flight is cancelled, unfinished actions end Cancelled with `reason`,
   * webhook actions that subscribed unsubscribe.
   */
  onCancel(state: unknown, reason: string, now: Date, definition: WorkflowDefinition): EngineStep;
  /** The latest result of every action (secure values redacted), run status, response, loop counts. */
  snapshot(state: unknown, definition: WorkflowDefinition): unknown;
}

export const RUN_ENGINE = Symbol('RUN_ENGINE');
