/**
 * Test support: drives the interpreter to the end with a scripted connector and virtual time (timers
 * fire at their `fireAt`, connector answers arrive at the current virtual time). Records every event,
 * so a test can replay the same events and compare states.
 */
import type { ActionCompletedEvent, InterpreterEvent } from '../interpreter-events.js';
import type { ExecuteConnectorActionCommand, InterpreterCommand } from '../interpreter-commands.js';
import type { RunState, TriggerResult } from '../run-state.js';
import { start, step, type StartOptions, type StepOptions } from '../run-interpreter.js';

export type ConnectorAnswer = Pick<ActionCompletedEvent, 'status' | 'outputs' | 'error'> | 'pending';
export type ScriptedConnector = (command: ExecuteConnectorActionCommand) => ConnectorAnswer;

export interface ScriptedRun {
  state: RunState;
  commands: InterpreterCommand[];
  events: InterpreterEvent[];
  /** Connector commands in the order they were issued. */
  calls: ExecuteConnectorActionCommand[];
}

export const T0 = '2024-05-01T08:00:00.000Z';

export function manualTrigger(body: unknown = {}, headers: Record<string, string> = {}): TriggerResult {
  return { name: 'manual', outputs: { headers, body } };
}

export const alwaysSucceed: ScriptedConnector = () => ({
  status: 'Succeeded',
  outputs: { statusCode: 200, headers: {}, body: {} },
});

/**
 * Freezes a state before it goes back into `step`: `step` shares unchanged parts between states, so any
 * write into a state it was given throws here (ESM code is strict) instead of corrupting an earlier state.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** What `step` needs besides the state: the definition when it is not stored, the sealer, the URL hook. */
export function stepOptionsFor(definition: unknown, options: Partial<StartOptions>): StepOptions {
  return {
    ...(options.storeDefinition === false ? { definition } : {}),
    ...(options.sealer === undefined ? {} : { sealer: options.sealer }),
    ...(options.actionCallbackUrl === undefined ? {} : { actionCallbackUrl: options.actionCallbackUrl }),
  };
}

interface Pending {
  at: string;
  order: number;
  event: InterpreterEvent;
}

/** Runs until the run completes, nothing is left to happen, or `maxEvents` events were applied. */
export function runScripted(
  definition: unknown,
  trigger: TriggerResult = manualTrigger(),
  connector: ScriptedConnector = alwaysSucceed,
  options: Partial<StartOptions> = {},
  maxEvents = 10_000,
): ScriptedRun {
  const first = start(definition, trigger, { runId: 'run-1', now: T0, ...options });
  const result: ScriptedRun = {
    state: deepFreeze(first.state),
    commands: [...first.commands],
    events: [],
    calls: [],
  };
  const queue: Pending[] = [];
  let order = 0;
  const schedule = (commands: InterpreterCommand[]): void => {
    for (const command of commands) {
      if (command.type === 'executeConnectorAction') {
        result.calls.push(command);
        const answer = connector(command);
        if (answer !== 'pending') {
          queue.push({
            at: result.state.now,
            order: order++,
            event: { type: 'actionCompleted', commandId: command.commandId, at: result.state.now, ...answer },
          });
        }
      } else if (command.type === 'startTimer') {
        queue.push({
          at: command.fireAt,
          order: order++,
          event: { type: 'timerFired', timerId: command.timerId, at: command.fireAt },
        });
      } else if (command.type === 'cancelTimer') {
        const index = queue.findIndex(
          (p) => p.event.type === 'timerFired' && p.event.timerId === command.timerId,
        );
        if (index >= 0) queue.splice(index, 1);
      }
    }
  };
  schedule(first.commands);
  while (queue.length > 0 && result.state.status === 'Running' && result.events.length < maxEvents) {
    queue.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
    const next = queue.shift() as Pending;
    result.events.push(next.event);
    const stepped = step(result.state, next.event, stepOptionsFor(definition, options));
    result.state = deepFreeze(stepped.state);
    result.commands.push(...stepped.commands);
    schedule(stepped.commands);
  }
  return result;
}

/** Applies recorded events to a fresh start, for replay tests. */
export function replay(
  definition: unknown,
  trigger: TriggerResult,
  events: InterpreterEvent[],
  options: Partial<StartOptions> = {},
): ScriptedRun {
  const first = start(definition, trigger, { runId: 'run-1', now: T0, ...options });
  const result: ScriptedRun = {
    state: deepFreeze(first.state),
    commands: [...first.commands],
    events: [],
    calls: [],
  };
  for (const event of events) {
    const stepped = step(result.state, event, stepOptionsFor(definition, options));
    result.state = deepFreeze(stepped.state);
    result.commands.push(...stepped.commands);
    result.events.push(event);
  }
  return result;
}

/** Status of the most recent instance of each named action. */
export function statuses(state: RunState, ...names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    names.map((name) => [name, state.actions[state.latest[name] ?? '']?.result.status]),
  );
}

/** Outputs of the most recent instance of an action. */
export function outputsOf(state: RunState, name: string): unknown {
  return state.actions[state.latest[name] ?? '']?.result.outputs;
}

/** A minimal Request-triggered definition around the given actions. */
export function workflow(
  actions: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } },
    actions,
    ...extra,
  };
}
