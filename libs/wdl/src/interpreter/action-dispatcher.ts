/**
 * Starts one action instance: picks the executor for its type, and turns an `ActionFailure` thrown
 * on the way into the action's Failed status.
 */
import type { ActionNode } from '../definition/index.js';
import { ActionFailure } from './interpreter-errors.js';
import { isFinalStatus } from './instance-keys.js';
import { RunEvaluationContext } from './run-evaluation-context.js';
import type { Outcome, RunSession } from './run-session.js';
import type { ActionInstanceState, FrameState } from './run-state.js';
import { runCompose, runJoin, runQuery, runSelect } from './executors/data-executors.js';
import { runTable } from './executors/table-executor.js';
import { runParseJson } from './executors/parse-json-executor.js';
import {
  runAppendToArrayVariable,
  runAppendToStringVariable,
  runIncrementVariable,
  runInitializeVariable,
  runSetVariable,
} from './executors/variable-executors.js';
import { runResponse } from './executors/response-executor.js';
import { runTerminate } from './executors/terminate-executor.js';
import { startWait } from './executors/wait-executor.js';
import { startConnectorAction } from './executors/connector-executor.js';
import { startIf, startScope, startSwitch } from './executors/branch-executors.js';
import { startForeach } from './executors/foreach-executor.js';
import { startUntil } from './executors/until-executor.js';
import { staticOutcome } from './executors/static-result.js';

type SyncExecutor = (session: RunSession, node: ActionNode, ctx: RunEvaluationContext) => Outcome;

const SYNC_EXECUTORS: Record<string, SyncExecutor> = {
  Compose: runCompose,
  Query: runQuery,
  Select: runSelect,
  Join: runJoin,
  Table: runTable,
  ParseJson: runParseJson,
  InitializeVariable: runInitializeVariable,
  SetVariable: runSetVariable,
  IncrementVariable: (s, n, c) => runIncrementVariable(s, n, c, 1),
  DecrementVariable: (s, n, c) => runIncrementVariable(s, n, c, -1),
  AppendToArrayVariable: runAppendToArrayVariable,
  AppendToStringVariable: runAppendToStringVariable,
  Response: runResponse,
};

function run(session: RunSession, instance: ActionInstanceState, node: ActionNode, frame: FrameState): void {
  const ctx = new RunEvaluationContext(session, frame);
  const type = node.info?.type;
  const mocked = node.info?.category === 'control' ? undefined : staticOutcome(session, node);
  if (mocked !== undefined) {
    session.finish(instance, mocked);
    return;
  }
  const sync = type === undefined ? undefined : SYNC_EXECUTORS[type];
  if (sync !== undefined) {
    session.finish(instance, sync(session, node, ctx));
    return;
  }
  switch (node.info?.category) {
    case 'connector':
      startConnectorAction(session, instance, node, ctx);
      return;
    case 'terminate':
      runTerminate(session, instance, node, ctx);
      return;
    case 'wait':
      startWait(session, instance, node, ctx);
      return;
    case 'control':
      if (type === 'If') startIf(session, instance, node, ctx, frame);
      else if (type === 'Switch') startSwitch(session, instance, node, ctx, frame);
      else if (type === 'Foreach') startForeach(session, instance, node, ctx);
      else if (type === 'Until') startUntil(session, instance, node, ctx);
      else startScope(session, instance, node, frame);
      return;
    default:
      throw new ActionFailure(
        'ActionTypeNotSupported',
        `Action '${node.name}' has type '${String(node.definition.type)}', which Patchbay does not execute.`,
      );
  }
}

/** Creates and starts the instance of `name` in `frame`. */
export function startAction(session: RunSession, name: string, frame: FrameState): void {
  const node = session.node(name);
  const instance = session.createInstance(name, frame);
  try {
    run(session, instance, node, frame);
  } catch (error) {
    if (!(error instanceof ActionFailure)) throw error;
    const children = node.children;
    if (children.length > 0 && instance.control === undefined) {
      session.skipContainers(children, frame, {
        code: 'ActionSkipped',
        message: `Action '${name}' failed before its actions ran.`,
      });
    }
    if (!isFinalStatus(instance.result.status)) {
      session.finish(instance, {
        status: 'Failed',
        code: error.code,
        error: { code: error.code, message: error.message },
        ...(error.outputs === undefined ? {} : { outputs: error.outputs }),
      });
    }
  }
}
