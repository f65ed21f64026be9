/**
 * Drives one run the way the orchestrator does: `start`, then one `step` per connector completion (answered
 * in the order the commands were issued) or timer, until the run completes. With `storage`, every state
 * goes through JSON text and back before the next step, as it does through a Postgres jsonb column.
 */
import {
  start,
  step,
  type InterpreterCommand,
  type InterpreterEvent,
  type RunState,
  type StartOptions,
  type StepOptions,
} from '@patchbay/wdl';
import { HTTP_OUTPUTS, type InterpreterBenchShape } from './interpreter-bench-shapes.js';

export interface DriveOptions {
  /** JSON round trip of the state after every step (the orchestrator's Postgres write and read). */
  readonly storage: boolean;
  /** Extra start options (for example `storeDefinition: false`). */
  readonly start?: Partial<StartOptions>;
  /** Options for every step (for example the definition, when the state does not hold it). */
  readonly step?: StepOptions;
}

export interface DriveResult {
  /** `start` and `step` calls made. */
  readonly steps: number;
  readonly status: string;
  /** Bytes of the stored state (UTF-8 JSON) after each call, when `storage` is on. */
  readonly stateBytes: number[];
}

const T0 = Date.parse('2024-05-01T08:00:00.000Z');

export function driveRun(shape: InterpreterBenchShape, runId: string, options: DriveOptions): DriveResult {
  let clock = T0;
  const at = (): string => new Date((clock += 10)).toISOString();
  const stateBytes: number[] = [];
  const queue: InterpreterEvent[] = [];
  let state: RunState;
  const settle = (next: { state: RunState; commands: InterpreterCommand[] }): void => {
    if (options.storage) {
      const text = JSON.stringify(next.state);
      stateBytes.push(Buffer.byteLength(text));
      state = JSON.parse(text) as RunState;
    } else {
      state = next.state;
    }
    for (const command of next.commands) {
      if (command.type === 'executeConnectorAction')
        queue.push({
          type: 'actionCompleted',
          commandId: command.commandId,
          at: '',
          status: 'Succeeded',
          outputs: HTTP_OUTPUTS,
        });
      else if (command.type === 'startTimer')
        queue.push({ type: 'timerFired', timerId: command.timerId, at: command.fireAt });
    }
  };
  settle(start(shape.definition, shape.trigger, { runId, now: at(), ...options.start }));
  let steps = 1;
  while (queue.length > 0 && state!.status === 'Running') {
    const event = queue.shift() as InterpreterEvent;
    const timed = event.type === 'timerFired' ? event : { ...event, at: at() };
    settle(step(state!, timed, options.step));
    steps += 1;
  }
  return { steps, status: state!.status, stateBytes };
}
