/**
 * One `step` at work: the run state being changed (a private copy), the compiled plan, and the
 * commands produced. Holds the primitive operations every executor uses; knows nothing about
 * individual action types.
 */
import type { ActionNode } from '../definition/index.js';
import type { InterpreterCommand } from './interpreter-commands.js';
import type {
  ActionError,
  ActionInstanceState,
  ActionStatus,
  FinalActionStatus,
  FrameState,
  RunState,
  TimerState,
} from './run-state.js';
import type { WorkflowPlan } from './workflow-plan.js';
import { WdlInterpreterError } from './interpreter-errors.js';
import { deterministicGuid, deterministicRandom } from './deterministic-source.js';
import { frameId, instanceKey, isFinalStatus } from './instance-keys.js';
import { redactResult, secureSettingsOf } from './secure-data.js';
import { SecureValues } from './secure-sealing.js';
import { dropReplacedInstance } from './loop-compaction.js';
import type { ActionCallbackUrl } from './action-callback-url.js';
import { abandonReleases, isReleasableSubscribe, releaseWebhook } from './executors/webhook-release.js';

/** How an action instance ended. */
export interface Outcome {
  status: FinalActionStatus;
  outputs?: unknown;
  inputs?: unknown;
  code?: string;
  error?: ActionError;
}

/** Copies a value into the state, so later changes to either side cannot leak into the other. */
export function cloneValue<T>(value: T): T {
  return value === undefined || value === null || typeof value !== 'object' ? value : structuredClone(value);
}

export class RunSession {
  readonly commands: InterpreterCommand[] = [];

  constructor(
    readonly state: RunState,
    readonly plan: WorkflowPlan,
    readonly secure: SecureValues = new SecureValues(undefined),
    /** Host hook making webhook actions' callback URLs (`StartOptions.actionCallbackUrl`). */
    readonly actionCallbackUrl?: ActionCallbackUrl,
  ) {}

  get now(): string {
    return this.state.now;
  }

  get running(): boolean {
    return this.state.status === 'Running';
  }

  emit(command: InterpreterCommand): void {
    this.commands.push(command);
  }

  nextSequence(): number {
    const value = this.state.sequence;
    this.state.sequence += 1;
    return value;
  }

  newGuid(): string {
    return deterministicGuid(this.state.seed, this.nextSequence());
  }

  random(): number {
    return deterministicRandom(this.state.seed, this.nextSequence());
  }

  node(name: string): ActionNode {
    return this.plan.node(name);
  }

  frame(id: string): FrameState {
    const frame = this.state.frames[id];
    if (frame === undefined)
      throw new WdlInterpreterError('InvalidState', `Frame '${id}' is missing from the run state.`);
    return frame;
  }

  instance(key: string): ActionInstanceState {
    const instance = this.state.actions[key];
    if (instance === undefined)
      throw new WdlInterpreterError(
        'InvalidState',
        `Action instance '${key}' is missing from the run state.`,
      );
    return instance;
  }

  /** Creates the instance of `name` in `frame`. */
  createInstance(name: string, frame: FrameState, status: ActionStatus = 'Running'): ActionInstanceState {
    const key = instanceKey(name, frame.path);
    dropReplacedInstance(this, name, key);
    const instance: ActionInstanceState = {
      key,
      name,
      path: [...frame.path],
      frame: frame.id,
      attempt: 0,
      result: {
        name,
        status,
        startTime: this.now,
        trackingId: this.newGuid(),
        clientTrackingId: this.state.trigger.clientTrackingId ?? this.state.runId,
      },
    };
    this.state.actions[key] = instance;
    this.state.latest[name] = key;
    return instance;
  }

  /** Gives an instance its final status and records it for history. */
  finish(instance: ActionInstanceState, outcome: Outcome): void {
    const result = instance.result;
    result.status = outcome.status;
    result.endTime = this.now;
    if (outcome.inputs !== undefined) result.inputs = cloneValue(outcome.inputs);
    if (outcome.outputs !== undefined) result.outputs = cloneValue(outcome.outputs);
    if (outcome.code !== undefined) result.code = outcome.code;
    if (outcome.error !== undefined) result.error = outcome.error;
    const secure = secureSettingsOf(this.plan.tree.actions.get(instance.name)?.definition);
    if (secure.inputs && 'inputs' in result) result.inputs = this.secure.seal(result.inputs);
    if (secure.outputs && 'outputs' in result) result.outputs = this.secure.seal(result.outputs);
    delete instance.pending;
    if (instance.timeoutTimerId !== undefined) {
      this.cancelTimer(instance.timeoutTimerId);
      delete instance.timeoutTimerId;
    }
    this.record(instance);
  }

  /** Emits the history record of an instance (secure parts redacted). */
  record(instance: ActionInstanceState): void {
    const definition = this.plan.tree.actions.get(instance.name)?.definition;
    this.emit({
      type: 'recordActionResult',
      iterationPath: [...instance.path],
      result: redactResult(instance.result, secureSettingsOf(definition)),
    });
  }

  /** Opens a frame for one of `owner`'s containers (a branch, or one loop iteration). */
  openFrame(container: string, owner: ActionInstanceState, path: number[], loopIndex?: number): FrameState {
    const id = frameId(owner.key, owner.name, container, loopIndex);
    const frame: FrameState = {
      id,
      container,
      owner: owner.key,
      path,
      open: true,
      ...(loopIndex === undefined ? {} : { loopIndex }),
    };
    this.state.frames[id] = frame;
    this.state.openFrames.push(id);
    return frame;
  }

  /** Ends a run whose end was held for releasing subscribes, once none is left. */
  endHeldRun(): void {
    const held = this.state.heldEnd;
    if (held === undefined || this.state.releasing !== undefined) return;
    this.completeRun(held.status, held.error, held.outputs);
  }

  /** Marks one action Skipped, with every action nested in it. */
  skipAction(name: string, frame: FrameState, error: ActionError): void {
    if (this.state.actions[instanceKey(name, frame.path)] !== undefined) return;
    const instance = this.createInstance(name, frame, 'Skipped');
    this.finish(instance, { status: 'Skipped', code: 'ActionSkipped', error });
    this.skipContainers(this.node(name).children, frame, error);
  }

  /** Marks every action of the given containers (and their nested containers) Skipped. */
  skipContainers(containers: readonly string[], frame: FrameState, error: ActionError): void {
    for (const containerId of containers) {
      for (const name of this.plan.container(containerId).actions) this.skipAction(name, frame, error);
    }
  }

  startTimer(instance: ActionInstanceState, purpose: TimerState['purpose'], delayMs: number): string {
    const timerId = `${this.state.runId}/timer/${this.nextSequence()}`;
    const fireAt = new Date(Date.parse(this.now) + Math.max(0, Math.round(delayMs))).toISOString();
    this.state.timers[timerId] = { instance: instance.key, purpose, fireAt };
    this.emit({
      type: 'startTimer',
      timerId,
      fireAt,
      purpose,
      actionName: instance.name,
      iterationPath: [...instance.path],
    });
    return timerId;
  }

  cancelTimer(timerId: string): void {
    if (this.state.timers[timerId] === undefined) return;
    delete this.state.timers[timerId];
    this.emit({ type: 'cancelTimer', timerId });
  }

  /** Ends the run now: cancels what is in flight and marks unfinished actions Cancelled. */
  terminate(
    status: 'Succeeded' | 'Failed' | 'Cancelled',
    error: ActionError | undefined,
    reason: string,
  ): void {
    if (!this.running) return;
    if (this.state.heldEnd !== undefined) {
      // Ended already, held for releasing subscribes: a new cancel stops waiting for them.
      abandonReleases(this);
      this.endHeldRun();
      return;
    }
    for (const commandId of Object.keys(this.state.inFlight)) {
      // A webhook's subscribe in flight is kept: its answer tells what to unsubscribe (releaseWebhook).
      if (isReleasableSubscribe(this, commandId)) continue;
      this.emit({ type: 'cancelConnectorAction', commandId, reason });
    }
    for (const timerId of Object.keys(this.state.timers)) this.cancelTimer(timerId);
    for (const instance of Object.values(this.state.actions)) {
      if (isFinalStatus(instance.result.status)) continue;
      // A webhook action that subscribed (or may have) is unsubscribed.
      releaseWebhook(this, instance);
      this.finish(instance, {
        status: 'Cancelled',
        code: 'Cancelled',
        error: { code: 'Cancelled', message: reason },
      });
    }
    this.state.inFlight = {};
    for (const id of this.state.openFrames) {
      const frame = this.state.frames[id];
      if (frame !== undefined) frame.open = false;
    }
    this.state.openFrames = [];
    this.completeRun(status, error, undefined);
  }

  /**
   * Records the end of the run and emits `completeRun`. While a released webhook's subscribe is still in flight
   * (`releasing`), the end is held (`heldEnd`) and the run stays Running until its answer: ending now would drop
   * that answer (a host ignores events of ended runs) and with it the only unsubscribe carrying the subscription.
   */
  completeRun(
    status: 'Succeeded' | 'Failed' | 'Cancelled',
    error: ActionError | undefined,
    outputs: Record<string, unknown> | undefined,
  ): void {
    if (!this.running) return;
    if (this.state.releasing !== undefined) {
      this.state.heldEnd = {
        status,
        ...(error === undefined ? {} : { error }),
        ...(outputs === undefined ? {} : { outputs }),
      };
      return;
    }
    delete this.state.heldEnd;
    this.state.status = status;
    this.state.endTime = this.now;
    if (error !== undefined) this.state.error = error;
    if (outputs !== undefined) this.state.outputs = outputs;
    this.emit({
      type: 'completeRun',
      status,
      ...(error === undefined ? {} : { error }),
      ...(outputs === undefined ? {} : { outputs }),
      endTime: this.now,
      responseExpected: this.state.response.expected,
      responseSent: this.state.response.sent,
    });
  }
}
