/**
 * Commands the interpreter asks the orchestrator to carry out. The orchestrator stores the new state
 * and these commands in one transaction (outbox), then performs them.
 */
import type { ActionError, ActionResult, RunStatus } from './run-state.js';

/** Run one connector operation (Http, ApiConnection, ServiceProvider, Function, Workflow, webhooks, custom). */
export interface ExecuteConnectorActionCommand {
  type: 'executeConnectorAction';
  /** Unique per attempt; echo it in `actionCompleted`. Equal to `idempotencyKey`. */
  commandId: string;
  /** Stable key of this attempt: `<runId>/<actionName>/<iterationPath joined by '.'>/<attempt>`. */
  idempotencyKey: string;
  runId: string;
  actionName: string;
  /** Canonical action type (`Http`, `ApiConnection`, ...). */
  actionType: string;
  kind?: string;
  iterationPath: number[];
  /** 1 for the first try, 2 for the first retry, ... The interpreter owns retries; do not retry inside. */
  attempt: number;
  /** Evaluated inputs. May hold secrets: never log them when `secureInputs` is set. */
  inputs: unknown;
  /**
   * The connection the operation uses, when the inputs name one: `host.connection.name` or
   * `host.connection.referenceName` (ApiConnection, webhooks), `serviceProviderConfiguration.connectionName`
   * (ServiceProvider), `function.connectionName` (Function).
   */
  connectionName?: string;
  /** When `limit.timeout` runs out (ISO 8601); the interpreter marks the action TimedOut then. */
  deadline?: string;
  operationOptions: string[];
  runtimeConfiguration?: Record<string, unknown>;
  secureInputs: boolean;
  secureOutputs: boolean;
  /**
   * Webhook actions (`HttpWebhook`, `ApiConnectionWebhook`) run as two operations: `subscribe` (with the
   * retry policy; the action then waits for its callback) and `unsubscribe` (once, after the callback, the
   * action timeout or the end of the run; its outcome does not change the action, so its completion is not
   * awaited). Absent for every other action.
   */
  operation?: 'subscribe' | 'unsubscribe';
  /** `subscribe`: the action instance's callback URL (what `listCallbackUrl()` returned in its inputs). */
  callbackUrl?: string;
  /** `unsubscribe`: the outputs of the successful subscribe attempt, when there was one. */
  subscription?: unknown;
}

/** Stop waiting for a connector operation (Terminate, run cancelled, action timeout). */
export interface CancelConnectorActionCommand {
  type: 'cancelConnectorAction';
  commandId: string;
  reason: string;
}

/** Fire `timerFired` with this id at `fireAt` (Wait, retry back-off, action timeout). */
export interface StartTimerCommand {
  type: 'startTimer';
  timerId: string;
  fireAt: string;
  purpose: 'wait' | 'retry' | 'actionTimeout';
  actionName: string;
  iterationPath: number[];
}

export interface CancelTimerCommand {
  type: 'cancelTimer';
  timerId: string;
}

/** Answer the caller of the Request trigger (Response action). */
export interface SendResponseCommand {
  type: 'sendResponse';
  actionName: string;
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** An action instance reached a final status: for run history. Secure inputs/outputs are redacted. */
export interface RecordActionResultCommand {
  type: 'recordActionResult';
  iterationPath: number[];
  result: ActionResult;
}

/** The run is over. `responseSent` false with `responseExpected` true means the caller gets 502. */
export interface CompleteRunCommand {
  type: 'completeRun';
  status: Exclude<RunStatus, 'Running'>;
  error?: ActionError;
  outputs?: Record<string, unknown>;
  endTime: string;
  responseExpected: boolean;
  responseSent: boolean;
}

export type InterpreterCommand =
  | ExecuteConnectorActionCommand
  | CancelConnectorActionCommand
  | StartTimerCommand
  | CancelTimerCommand
  | SendResponseCommand
  | RecordActionResultCommand
  | CompleteRunCommand;
