/**
 * The run interpreter as a pure state machine:
 *   start(definition, trigger, options) -> { state, commands }
 *   step(state, event)                  -> { state, commands }
 * No I/O, no clock, no randomness of its own: time comes from `options.now` and each event's `at`;
 * ids and random numbers come from a seed kept in the state. The input state is never modified.
 */
import type { InterpreterCommand } from './interpreter-commands.js';
import type { InterpreterEvent } from './interpreter-events.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import type { RunState, TriggerResult, WorkflowInfo } from './run-state.js';
import { RunSession } from './run-session.js';
import { planFor } from './workflow-plan.js';
import { hashedDefinition, planOfState } from './run-definition.js';
import { ROOT_FRAME, isFinalStatus } from './instance-keys.js';
import { advance } from './frame-scheduler.js';
import { resolveParameters } from './parameter-values.js';
import {
  completeConnectorAttempt,
  dispatchAttempt,
  timeOutConnectorAction,
} from './executors/connector-executor.js';
import { finishWait } from './executors/wait-executor.js';
import { receiveCallback } from './executors/webhook-executor.js';
import type { ActionCallbackUrl } from './action-callback-url.js';
import { workingCopy } from './run-state-copy.js';
import { SecureValues, type SecureValueSealer } from './secure-sealing.js';
import { sealSecureParameters, sealSecureTrigger } from './secure-state.js';

export interface StartOptions {
  /** Run id, also `workflow().run.name`. */
  runId: string;
  /** The injected clock: when the run starts (ISO 8601). */
  now: string;
  workflow?: {
    id?: string;
    name?: string;
    location?: string;
    version?: string;
    tags?: Record<string, string>;
  };
  /** Parameter values; they override the definition's defaults. */
  parameters?: Record<string, unknown>;
  /** Seed of `guid()`, `rand()`, tracking ids and retry jitter. Defaults to the run id. */
  seed?: string;
  /** What `listCallbackUrl()` returns outside webhook actions. */
  callbackUrl?: string;
  /**
   * Makes the callback URL of each webhook action instance (`HttpWebhook`, `ApiConnectionWebhook`), what
   * `listCallbackUrl()` returns inside it. Without it webhook actions fail with `CallbackUrlUnavailable`.
   * Pass the same hook to every `step`.
   */
  actionCallbackUrl?: ActionCallbackUrl;
  /**
   * Keep the definition inside the state (default true). With false the state holds only the definition's
   * hash: smaller to store, and the caller passes the same definition to every `step` (`StepOptions`).
   */
  storeDefinition?: boolean;
  /**
   * Seals secure values in the state: secureString/secureObject parameters, secured action inputs and
   * outputs, secured trigger outputs. Pass the same sealer to every `step`.
   */
  sealer?: SecureValueSealer;
  /**
   * Drop finished Foreach/Until passes from the state (default false), so a long loop does not make every
   * stored state larger. `actionHistory` then lists only what the state still holds; run history comes from
   * the `recordActionResult` commands. Loops whose passes `result()` reads are never compacted.
   */
  compactLoops?: boolean;
}

/** Options of {@link step}. */
export interface StepOptions {
  /**
   * The run's definition (plain or Standard `{definition, kind}`), required when the run started with
   * `storeDefinition: false`; it must be the definition the run started with (same hash).
   */
  definition?: unknown;
  /** The sealer the run started with; required when the state holds sealed values. */
  sealer?: SecureValueSealer;
  /** The callback URL hook the run started with (`StartOptions.actionCallbackUrl`). */
  actionCallbackUrl?: ActionCallbackUrl;
}

export interface InterpreterResult {
  state: RunState;
  commands: InterpreterCommand[];
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function workflowInfo(options: StartOptions): WorkflowInfo {
  const name = options.workflow?.name ?? 'workflow';
  const id = options.workflow?.id ?? `/workflows/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Logic/workflows',
    ...(options.workflow?.location === undefined ? {} : { location: options.workflow.location }),
    ...(options.workflow?.version === undefined ? {} : { version: options.workflow.version }),
    ...(options.workflow?.tags === undefined ? {} : { tags: options.workflow.tags }),
    run: { id: `${id}/runs/${options.runId}`, name: options.runId, type: 'Microsoft.Logic/workflows/runs' },
  };
}

/**
 * Starts a run. Throws `WdlDefinitionError` when the definition does not validate (unsupported
 * features included) and `WdlInterpreterError` for bad options; a run whose parameter values are
 * wrong starts and fails at once with `InvalidParameters`.
 */
export function start(
  definitionInput: unknown,
  trigger: TriggerResult,
  options: StartOptions,
): InterpreterResult {
  if (typeof options.runId !== 'string' || options.runId === '')
    throw new WdlInterpreterError('InvalidStartOptions', 'runId must be a non-empty string.');
  if (!isIsoTime(options.now))
    throw new WdlInterpreterError('InvalidStartOptions', 'now must be an ISO 8601 time.');
  if (trigger === null || typeof trigger !== 'object' || typeof trigger.name !== 'string') {
    throw new WdlInterpreterError('InvalidStartOptions', 'The trigger result needs a name.');
  }
  const { definition, hash } = hashedDefinition(definitionInput);
  const plan = planFor(definition, hash);
  const { values, problems } = resolveParameters(definition, options.parameters);
  const secure = new SecureValues(options.sealer);
  const state: RunState = {
    schemaVersion: 1,
    runId: options.runId,
    status: 'Running',
    startTime: options.now,
    now: options.now,
    workflow: workflowInfo(options),
    ...(options.storeDefinition === false ? {} : { definition }),
    definitionHash: hash,
    parameters: sealSecureParameters(definition, values, secure),
    trigger: sealSecureTrigger(
      definition,
      { status: 'Succeeded', startTime: options.now, endTime: options.now, ...structuredClone(trigger) },
      secure,
    ),
    ...(options.callbackUrl === undefined ? {} : { callbackUrl: options.callbackUrl }),
    variables: {},
    actions: {},
    latest: {},
    frames: { [ROOT_FRAME]: { id: ROOT_FRAME, container: '$root', path: [], open: true } },
    openFrames: [ROOT_FRAME],
    inFlight: {},
    timers: {},
    response: { expected: plan.hasResponseAction, sent: false },
    ...(secure.sealing ? { sealed: true } : {}),
    ...(options.compactLoops === true ? { compactLoops: true } : {}),
    seed: options.seed ?? options.runId,
    sequence: 0,
  };
  const session = new RunSession(state, plan, secure, options.actionCallbackUrl);
  if (problems.length > 0) {
    state.openFrames = [];
    const frame = state.frames[ROOT_FRAME];
    if (frame !== undefined) frame.open = false;
    session.completeRun(
      'Failed',
      { code: 'InvalidParameters', message: problems.map((p) => p.message).join(' ') },
      undefined,
    );
  } else {
    advance(session);
  }
  return { state: session.state, commands: session.commands };
}

function checkEvent(event: InterpreterEvent): void {
  if (event === null || typeof event !== 'object' || !isIsoTime(event.at)) {
    throw new WdlInterpreterError('InvalidEvent', 'Every event needs a type and an ISO 8601 time `at`.');
  }
  if (
    event.type === 'actionCompleted' &&
    (typeof event.commandId !== 'string' || (event.status !== 'Succeeded' && event.status !== 'Failed'))
  ) {
    throw new WdlInterpreterError(
      'InvalidEvent',
      'actionCompleted needs a commandId and a status of Succeeded or Failed.',
    );
  }
  if (event.type === 'timerFired' && typeof event.timerId !== 'string')
    throw new WdlInterpreterError('InvalidEvent', 'timerFired needs a timerId.');
  if (
    event.type === 'actionCallback' &&
    (typeof event.callbackId !== 'string' || event.headers === null || typeof event.headers !== 'object')
  )
    throw new WdlInterpreterError('InvalidEvent', 'actionCallback needs a callbackId and headers.');
  if (
    event.type !== 'actionCompleted' &&
    event.type !== 'timerFired' &&
    event.type !== 'cancelRun' &&
    event.type !== 'actionCallback'
  ) {
    throw new WdlInterpreterError(
      'InvalidEvent',
      `Unknown event type '${String((event as { type: unknown }).type)}'.`,
    );
  }
}

function onTimer(session: RunSession, timerId: string): void {
  const timer = session.state.timers[timerId];
  if (timer === undefined) return;
  delete session.state.timers[timerId];
  const instance = session.state.actions[timer.instance];
  if (instance === undefined || isFinalStatus(instance.result.status)) return;
  if (timer.purpose === 'actionTimeout') {
    if (instance.timeoutTimerId === timerId) timeOutConnectorAction(session, instance);
    return;
  }
  if (instance.pending?.kind !== 'timer' || instance.pending.timerId !== timerId) return;
  if (timer.purpose === 'wait') finishWait(session, instance);
  else dispatchAttempt(session, instance, session.node(instance.name));
}

/** Applies one event. Events for a finished run, and duplicates, change nothing. */
export function step(
  previous: RunState,
  event: InterpreterEvent,
  options: StepOptions = {},
): InterpreterResult {
  if (previous === null || typeof previous !== 'object' || previous.schemaVersion !== 1) {
    throw new WdlInterpreterError(
      'InvalidState',
      'The run state is not a schemaVersion 1 interpreter state.',
    );
  }
  checkEvent(event);
  if (previous.status !== 'Running') return { state: previous, commands: [] };
  const plan = planOfState(previous, options.definition);
  if (previous.sealed === true && options.sealer === undefined)
    throw new WdlInterpreterError(
      'SealerRequired',
      `Run '${previous.runId}' holds sealed values: pass its sealer.`,
    );
  const state = workingCopy(previous);
  if (options.sealer !== undefined) state.sealed = true;
  // The clock never goes backwards, even if events arrive out of order.
  if (Date.parse(event.at) > Date.parse(state.now)) state.now = new Date(Date.parse(event.at)).toISOString();
  const session = new RunSession(state, plan, new SecureValues(options.sealer), options.actionCallbackUrl);
  switch (event.type) {
    case 'actionCompleted':
      completeConnectorAttempt(session, event);
      break;
    case 'timerFired':
      onTimer(session, event.timerId);
      break;
    case 'cancelRun':
      session.terminate('Cancelled', undefined, event.reason ?? 'The run was cancelled.');
      break;
    case 'actionCallback':
      receiveCallback(session, event);
      break;
  }
  advance(session);
  return { state: session.state, commands: session.commands };
}
