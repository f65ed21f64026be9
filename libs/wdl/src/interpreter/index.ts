/**
 * The run interpreter: a pure state machine the orchestrator drives.
 */
export {
  start,
  step,
  type StartOptions,
  type StepOptions,
  type InterpreterResult,
} from './run-interpreter.js';
export type {
  RunState,
  RunStatus,
  ActionStatus,
  FinalActionStatus,
  ActionResult,
  ActionError,
  TriggerResult,
  WorkflowInfo,
  VariableState,
  ActionInstanceState,
  FrameState,
  ControlState,
  ForeachControl,
  UntilControl,
  BranchControl,
  PendingWork,
  TimerState,
  WebhookState,
  WebhookCallback,
} from './run-state.js';
export type { ActionCallbackRef, ActionCallbackUrl } from './action-callback-url.js';
export type {
  InterpreterEvent,
  ActionCompletedEvent,
  TimerFiredEvent,
  CancelRunEvent,
  ActionCallbackEvent,
} from './interpreter-events.js';
export type {
  InterpreterCommand,
  ExecuteConnectorActionCommand,
  CancelConnectorActionCommand,
  StartTimerCommand,
  CancelTimerCommand,
  SendResponseCommand,
  RecordActionResultCommand,
  CompleteRunCommand,
} from './interpreter-commands.js';
export { WdlInterpreterError, type WdlInterpreterErrorCode } from './interpreter-errors.js';
export { runSnapshot, actionHistory, type RunSnapshot, type ActionHistoryEntry } from './run-snapshot.js';
export { requestTriggerResult, scheduleTriggerResult, type RequestTriggerInput } from './trigger-results.js';
export {
  splitTriggerResult,
  triggerConditionsMet,
  type TriggerEvaluationOptions,
} from './trigger-evaluation.js';
export { SECURED_CONTENT_MARKER } from './secure-data.js';
export { isSealedValue, type SealedValue, type SecureValueSealer } from './secure-sealing.js';
export {
  DEFAULT_RETRY_POLICY,
  retryPolicyOf,
  retryDelayMs,
  isRetryableFailure,
  type RetryPolicy,
} from './retry-policy.js';
