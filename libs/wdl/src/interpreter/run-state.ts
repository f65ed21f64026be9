/**
 * The interpreter's run state. Plain JSON only (no classes, no Dates, no undefined-vs-missing tricks),
 * so the orchestrator can store it in Postgres and feed it back to `step` after a restart.
 */
import type { WorkflowDefinition } from '../definition/index.js';

/** Status of one action instance. `Running`/`Waiting` are transient; the rest are final. */
export type ActionStatus =
  'Running' | 'Waiting' | 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled';
export type FinalActionStatus = Exclude<ActionStatus, 'Running' | 'Waiting'>;

/** Status of the run. */
export type RunStatus = 'Running' | 'Succeeded' | 'Failed' | 'Cancelled';

export interface ActionError {
  code: string;
  message: string;
}

/**
 * An action's result as Logic Apps shapes it: what `actions('x')` returns, and what `outputs('x')`,
 * `body('x')` and `result('Scope')` read from.
 */
export interface ActionResult {
  name: string;
  inputs?: unknown;
  outputs?: unknown;
  status: ActionStatus;
  code?: string;
  error?: ActionError;
  startTime?: string;
  endTime?: string;
  trackingId: string;
  clientTrackingId: string;
}

/** What started the run: `trigger()`, `triggerOutputs()`, `triggerBody()` read from this. */
export interface TriggerResult {
  name: string;
  inputs?: unknown;
  /** `headers`, `body`, `queries`, `relativePathParameters`, ... */
  outputs?: Record<string, unknown>;
  startTime?: string;
  endTime?: string;
  status?: string;
  code?: string;
  trackingId?: string;
  clientTrackingId?: string;
  [key: string]: unknown;
}

/** `workflow()`: identity of the workflow and the run. */
export interface WorkflowInfo {
  id: string;
  name: string;
  type: string;
  location?: string;
  version?: string;
  tags?: Record<string, string>;
  run: { id: string; name: string; type: string };
}

export interface VariableState {
  name: string;
  /** Lower-case type name: `integer`, `float`, `boolean`, `string`, `array`, `object`. */
  type: string;
  value: unknown;
}

/** Foreach bookkeeping. */
export interface ForeachControl {
  kind: 'foreach';
  items: unknown[];
  concurrency: number;
  nextIndex: number;
  active: number[];
  failedIterations: number;
  iterationsStarted: number;
  frames: string[];
}

/** Until bookkeeping. */
export interface UntilControl {
  kind: 'until';
  iteration: number;
  iterationsStarted: number;
  limitCount: number;
  timeoutMs: number;
  startedAt: string;
  failWhenLimitsReached: boolean;
  frames: string[];
}

/** If / Switch / Scope: one branch frame at most. */
export interface BranchControl {
  kind: 'branch';
  frames: string[];
}

export type ControlState = ForeachControl | UntilControl | BranchControl;

/** What an in-flight action waits for. */
export type PendingWork =
  | { kind: 'connector'; commandId: string }
  | { kind: 'timer'; timerId: string; purpose: 'wait' | 'retry' }
  /** A webhook action subscribed and waits for a call of its callback URL. */
  | { kind: 'callback'; callbackId: string };

/** A call of a webhook action's callback URL, as the action's outputs report it. */
export interface WebhookCallback {
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * A webhook action (`HttpWebhook`, `ApiConnectionWebhook`): subscribe (a connector attempt, with the retry
 * policy), wait for the callback, unsubscribe. `subscribing` lasts until a subscribe attempt succeeds;
 * `waiting` until the callback, the action timeout, or the end of the run.
 */
export interface WebhookState {
  phase: 'subscribing' | 'waiting';
  /** Names this instance in its callback URL; the host signs it. */
  callbackId: string;
  /** What `listCallbackUrl()` returned inside the action. */
  callbackUrl: string;
  /** Outputs of the successful subscribe attempt (sealed with secure outputs), handed to unsubscribe. */
  subscription?: unknown;
  /**
   * A callback that arrived before the subscribe attempt's answer was applied (sealed with secure outputs):
   * the action completes with it as soon as the subscribe succeeds.
   */
  early?: unknown;
}

export interface ActionInstanceState {
  key: string;
  name: string;
  /** Iteration indexes of the enclosing loops, outermost first. */
  path: number[];
  /** Frame the instance belongs to. */
  frame: string;
  result: ActionResult;
  /** Connector attempts made so far. */
  attempt: number;
  pending?: PendingWork;
  timeoutTimerId?: string;
  control?: ControlState;
  webhook?: WebhookState;
}

/** One live instance of a container: the root, a branch, or one loop iteration. */
export interface FrameState {
  id: string;
  /** Container id from the action tree (`$root`, `If_1/else`, `Loop/actions`, ...). */
  container: string;
  /** Instance key of the owning control action; absent for the root. */
  owner?: string;
  /** Iteration path of the actions inside. */
  path: number[];
  /** For loop iterations: the iteration index. */
  loopIndex?: number;
  open: boolean;
  status?: FinalActionStatus;
}

export interface TimerState {
  instance: string;
  purpose: 'wait' | 'retry' | 'actionTimeout';
  fireAt: string;
}

/** How the run ends once its releasing subscribes have answered. */
export interface HeldRunEnd {
  status: 'Succeeded' | 'Failed' | 'Cancelled';
  error?: ActionError;
  outputs?: Record<string, unknown>;
}

export interface RunState {
  schemaVersion: 1;
  runId: string;
  status: RunStatus;
  error?: ActionError;
  startTime: string;
  endTime?: string;
  /** Time of the last event applied (the injected clock). */
  now: string;
  workflow: WorkflowInfo;
  /**
   * The definition, unless the run started with `storeDefinition: false`; then the caller passes it to
   * `step` (and to the read models) and only its hash is kept.
   */
  definition?: WorkflowDefinition;
  /** Hash of the definition, to find the compiled plan again after the state was stored. */
  definitionHash: string;
  parameters: Record<string, unknown>;
  trigger: TriggerResult;
  callbackUrl?: string;
  /** Keyed by lower-case variable name (variable names are case-insensitive). */
  variables: Record<string, VariableState>;
  /** Keyed by instance key (`Name` or `Name[0,2]` inside loops). */
  actions: Record<string, ActionInstanceState>;
  /** Action name -> key of its most recent instance. */
  latest: Record<string, string>;
  frames: Record<string, FrameState>;
  /** Open frames in the order they were opened. */
  openFrames: string[];
  /** commandId -> instance key, for connector commands still in flight. */
  inFlight: Record<string, string>;
  /**
   * Subscribe attempts still in flight of webhook actions that stopped waiting (timeout, cancellation):
   * commandId -> the instance as it ended. Its answer sends the one `unsubscribe`, with the subscription.
   */
  releasing?: Record<string, ActionInstanceState>;
  /** The end of the run, held until every `releasing` subscribe has answered. */
  heldEnd?: HeldRunEnd;
  timers: Record<string, TimerState>;
  response: { expected: boolean; sent: boolean; statusCode?: number; actionName?: string };
  outputs?: Record<string, unknown>;
  /** Finished loop passes are dropped from the state (`StartOptions.compactLoops`). */
  compactLoops?: boolean;
  /** Loop name -> passes started by loop instances that compaction dropped (for `runSnapshot`). */
  droppedPasses?: Record<string, number>;
  /** True when secure values are sealed (`StartOptions.sealer`); `step` then needs the sealer too. */
  sealed?: boolean;
  /** Seed and counter of the deterministic id/random source. */
  seed: string;
  sequence: number;
}
