import type { ActionCallback, ActionCompleted, RunStatus, TriggerFired } from '@patchbay/contracts';
import {
  requestTriggerResult,
  runSnapshot,
  start,
  step,
  type ActionCallbackUrl,
  type ActionCompletedEvent,
  type InterpreterCommand,
  type InterpreterResult,
  type RunState,
  type SecureValueSealer,
  type TriggerResult,
  type WorkflowDefinition,
} from '@patchbay/wdl';
import type { EngineCommand, EngineStep, RunEngine, RunStartInput } from './run-engine.port.js';

/** What a caller gets when the run ended without a Response action answering it (as Logic Apps does). */
const NO_RESPONSE = {
  statusCode: 502,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: {
    error: {
      code: 'NoResponse',
      message: 'The workflow run ended without a Response action answering this request.',
    },
  },
} as const;

/**
 * The RunEngine port backed by the libs/wdl interpreter. Translates contract events into interpreter events
 * and interpreter commands into the orchestrator's commands; nothing else.
 */
export class WdlRunEngine implements RunEngine {
  /**
   * @param sealer seals secure values in the stored state (secure parameters, secured inputs/outputs).
   * @param actionCallbackUrl makes the callback URL of each webhook action instance; without it webhook
   * actions fail (`CallbackUrlUnavailable`).
   */
  constructor(
    private readonly sealer: SecureValueSealer,
    private readonly actionCallbackUrl?: ActionCallbackUrl,
  ) {}

  private get hooks(): { sealer: SecureValueSealer; actionCallbackUrl?: ActionCallbackUrl } {
    return {
      sealer: this.sealer,
      ...(this.actionCallbackUrl === undefined ? {} : { actionCallbackUrl: this.actionCallbackUrl }),
    };
  }

  start(input: RunStartInput): EngineStep {
    const triggerResult = triggerResultOf(input.trigger);
    const result = start(input.definition, triggerResult, {
      runId: input.runId,
      now: input.now.toISOString(),
      workflow: { id: input.workflowId, name: input.workflowName, version: String(input.workflowVersion) },
      parameters: input.parameters,
      // The state stays small: the definition comes from the pinned version, finished loop passes are
      // dropped (their results are in the run history rows), secure values are sealed.
      storeDefinition: false,
      compactLoops: true,
      ...this.hooks,
    });
    return toStep(result);
  }

  onActionCompleted(
    state: unknown,
    event: ActionCompleted,
    now: Date,
    definition: WorkflowDefinition,
  ): EngineStep {
    const completed: ActionCompletedEvent = {
      type: 'actionCompleted',
      commandId: event.attemptId,
      at: laterOf(event.endedAt, now),
      status: event.status === 'Succeeded' ? 'Succeeded' : 'Failed',
      ...(event.outputs === undefined ? {} : { outputs: event.outputs }),
      ...(event.error === undefined ? {} : { error: event.error }),
    };
    if (event.status === 'TimedOut' && completed.error === undefined) {
      completed.error = {
        code: 'ActionTimedOut',
        message: 'The connector did not finish before its deadline.',
        retryable: true,
      };
    }
    return toStep(step(asRunState(state), completed, { definition, ...this.hooks }));
  }

  onTimerFired(state: unknown, timerId: string, now: Date, definition: WorkflowDefinition): EngineStep {
    return toStep(
      step(
        asRunState(state),
        { type: 'timerFired', timerId, at: now.toISOString() },
        { definition, ...this.hooks },
      ),
    );
  }

  onActionCallback(
    state: unknown,
    event: ActionCallback,
    now: Date,
    definition: WorkflowDefinition,
  ): EngineStep {
    return toStep(
      step(
        asRunState(state),
        {
          type: 'actionCallback',
          callbackId: event.callbackId,
          at: laterOf(event.receivedAt, now),
          headers: event.headers,
          ...(event.body === undefined ? {} : { body: event.body }),
        },
        { definition, ...this.hooks },
      ),
    );
  }

  onCancel(state: unknown, reason: string, now: Date, definition: WorkflowDefinition): EngineStep {
    return toStep(
      step(
        asRunState(state),
        { type: 'cancelRun', at: now.toISOString(), reason },
        { definition, ...this.hooks },
      ),
    );
  }

  snapshot(state: unknown, definition: WorkflowDefinition): unknown {
    return runSnapshot(asRunState(state), definition);
  }
}

/** What `trigger()` returns in the run: a Request call's shape, or the outputs another trigger produced. */
function triggerResultOf(trigger: TriggerFired): TriggerResult {
  const outputs = trigger.outputs;
  if (trigger.method !== undefined) {
    return requestTriggerResult({
      name: trigger.triggerName,
      at: trigger.firedAt,
      method: trigger.method,
      headers: outputs.headers ?? {},
      ...(outputs.body === undefined ? {} : { body: outputs.body }),
      ...(outputs.queries === undefined || Object.keys(outputs.queries).length === 0
        ? {}
        : { queries: outputs.queries }),
      ...(outputs.relativePathParameters === undefined
        ? {}
        : { relativePathParameters: outputs.relativePathParameters }),
      ...(trigger.clientTrackingId === undefined ? {} : { clientTrackingId: trigger.clientTrackingId }),
    });
  }
  return {
    name: trigger.triggerName,
    outputs: { headers: {}, ...outputs },
    startTime: trigger.firedAt,
    endTime: trigger.firedAt,
    status: 'Succeeded',
    code: 'OK',
    ...(trigger.scheduledTime === undefined ? {} : { scheduledTime: trigger.scheduledTime }),
    ...(trigger.clientTrackingId === undefined ? {} : { clientTrackingId: trigger.clientTrackingId }),
  };
}

function asRunState(state: unknown): RunState {
  return state as RunState;
}

/** The interpreter's clock must not go backwards; an event's own time may lag the orchestrator's clock. */
function laterOf(iso: string, now: Date): string {
  return Date.parse(iso) > now.getTime() ? iso : now.toISOString();
}

function toStep(result: InterpreterResult): EngineStep {
  const commands: EngineCommand[] = [];
  let error: unknown;
  for (const command of result.commands) {
    const mapped = toEngineCommand(command);
    if (mapped !== undefined) commands.push(mapped);
    if (command.type === 'completeRun') {
      error = command.error;
      if (command.responseExpected && !command.responseSent)
        commands.push({ kind: 'respond', ...NO_RESPONSE });
    }
  }
  const status: RunStatus = result.state.status;
  return { state: result.state, status, ...(error === undefined ? {} : { error }), commands };
}

function toEngineCommand(command: InterpreterCommand): EngineCommand | undefined {
  switch (command.type) {
    case 'executeConnectorAction':
      return {
        kind: 'requestAction',
        actionName: command.actionName,
        attemptId: command.commandId,
        idempotencyKey: command.idempotencyKey,
        actionType: command.actionType,
        inputs: command.inputs,
        ...(command.connectionName === undefined ? {} : { connectionName: command.connectionName }),
        ...(command.deadline === undefined ? {} : { deadline: command.deadline }),
        ...(command.operation === undefined ? {} : { operation: command.operation }),
        ...(command.callbackUrl === undefined ? {} : { callbackUrl: command.callbackUrl }),
        ...(command.subscription === undefined ? {} : { subscription: command.subscription }),
        ...paginationOf(command.runtimeConfiguration),
      };
    case 'sendResponse':
      return {
        kind: 'respond',
        statusCode: command.statusCode,
        headers: command.headers,
        body: command.body,
      };
    case 'startTimer':
      return { kind: 'startTimer', timerId: command.timerId, dueAt: command.fireAt };
    case 'cancelTimer':
      return { kind: 'cancelTimer', timerId: command.timerId };
    case 'recordActionResult': {
      const status = command.result.status;
      if (status === 'Running' || status === 'Waiting') return undefined;
      return {
        kind: 'actionFinished',
        actionName: command.result.name,
        status,
        iterationPath: command.iterationPath,
        result: command.result,
      };
    }
    case 'cancelConnectorAction':
    case 'completeRun':
      // The interpreter ignores late completions of a cancelled attempt; run completion is the state's status.
      return undefined;
  }
}

/**
 * `runtimeConfiguration.paginationPolicy.minimumItemCount` as action.requested carries it: a whole number from 1
 * to 100,000 (larger counts are capped). The validator also allows an expression there, which is not evaluated:
 * the action then runs without pagination.
 */
function paginationOf(runtimeConfiguration: unknown): { pagination?: { minimumItemCount: number } } {
  const policy = (runtimeConfiguration as { paginationPolicy?: { minimumItemCount?: unknown } } | undefined)
    ?.paginationPolicy;
  const count = policy?.minimumItemCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return {};
  return { pagination: { minimumItemCount: Math.min(count, 100_000) } };
}
