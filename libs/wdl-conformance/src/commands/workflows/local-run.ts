/**
 * An in-process driver for one run: applies interpreter commands with real effects (HTTP calls for
 * `Http` actions, real timers for retries and waits, the trigger caller's response) and feeds the
 * resulting events back to `step`, one at a time. The clock it injects is the real clock.
 */
import {
  start,
  step,
  type InterpreterCommand,
  type InterpreterEvent,
  type RunState,
  type SendResponseCommand,
  type StartOptions,
  type TriggerResult,
} from '@patchbay/wdl';
import { executeHttpAction } from './http-action-executor.js';

function now(): string {
  return new Date().toISOString();
}

export class LocalRun {
  readonly done: Promise<RunState>;
  /** The Response action's answer, or undefined when the run ended without one. */
  readonly response: Promise<SendResponseCommand | undefined>;
  private state: RunState | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly calls = new Map<string, AbortController>();
  private resolveDone: (state: RunState) => void = () => undefined;
  private rejectDone: (error: unknown) => void = () => undefined;
  private resolveResponse: (response: SendResponseCommand | undefined) => void = () => undefined;
  private finished = false;

  constructor(definition: unknown, trigger: TriggerResult, options: Omit<StartOptions, 'now'>) {
    this.done = new Promise<RunState>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.response = new Promise((resolve) => {
      this.resolveResponse = resolve;
    });
    // Callers await `done`; a rejection is still observed if they only await `response`.
    this.done.catch(() => undefined);
    this.enqueue(() => {
      const result = start(definition, trigger, { ...options, now: now() });
      this.state = result.state;
      this.perform(result.commands);
    });
  }

  /** Current state (after the last applied event). */
  get current(): RunState | undefined {
    return this.state;
  }

  /** Stops timers and calls still pending (after the run ended or the case timed out). */
  dispose(): void {
    this.finished = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const call of this.calls.values()) call.abort();
    this.calls.clear();
  }

  private enqueue(work: () => void): void {
    this.queue = this.queue.then(() => {
      if (this.finished && this.state !== undefined) return;
      try {
        work();
      } catch (error) {
        this.finished = true;
        this.resolveResponse(undefined);
        this.rejectDone(error);
      }
    });
  }

  private apply(event: InterpreterEvent): void {
    this.enqueue(() => {
      if (this.state === undefined) return;
      const result = step(this.state, event);
      this.state = result.state;
      this.perform(result.commands);
    });
  }

  private perform(commands: InterpreterCommand[]): void {
    for (const command of commands) {
      switch (command.type) {
        case 'executeConnectorAction':
          this.execute(command.commandId, command.actionType, command.inputs);
          break;
        case 'cancelConnectorAction':
          this.calls.get(command.commandId)?.abort();
          this.calls.delete(command.commandId);
          break;
        case 'startTimer': {
          const delay = Math.max(0, Date.parse(command.fireAt) - Date.now());
          this.timers.set(
            command.timerId,
            setTimeout(() => {
              this.timers.delete(command.timerId);
              this.apply({ type: 'timerFired', timerId: command.timerId, at: now() });
            }, delay),
          );
          break;
        }
        case 'cancelTimer':
          clearTimeout(this.timers.get(command.timerId));
          this.timers.delete(command.timerId);
          break;
        case 'sendResponse':
          this.resolveResponse(command);
          break;
        case 'recordActionResult':
          break;
        case 'completeRun':
          this.finished = true;
          this.resolveResponse(undefined);
          if (this.state !== undefined) this.resolveDone(this.state);
          this.dispose();
          break;
      }
    }
  }

  private execute(commandId: string, actionType: string, inputs: unknown): void {
    if (actionType !== 'Http') {
      this.apply({
        type: 'actionCompleted',
        commandId,
        at: now(),
        status: 'Failed',
        error: {
          code: 'ConnectorNotAvailable',
          message: `The local conformance driver runs Http actions only, not ${actionType}.`,
        },
      });
      return;
    }
    const controller = new AbortController();
    this.calls.set(commandId, controller);
    void executeHttpAction(inputs, controller.signal).then((completion) => {
      this.calls.delete(commandId);
      if (!controller.signal.aborted)
        this.apply({ type: 'actionCompleted', commandId, at: now(), ...completion });
    });
  }
}
