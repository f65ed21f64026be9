import { PlatformError, type FieldProblem } from '@patchbay/platform';

/** Errors a webhook caller can get; each carries its HTTP status. */
export class WebhookError extends PlatformError {
  readonly retryable: boolean;
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    retryable = false,
    problems: FieldProblem[] = [],
  ) {
    super(message, problems);
    this.retryable = retryable;
  }
}

export const webhookErrors = {
  unknownWorkflow: (id: string) =>
    new WebhookError('WORKFLOW_NOT_FOUND', 404, `Workflow '${id}' does not exist.`),
  unknownTrigger: (id: string, trigger: string) =>
    new WebhookError('TRIGGER_NOT_FOUND', 404, `Workflow '${id}' has no trigger named '${trigger}'.`),
  notRequestTrigger: (trigger: string, type: string) =>
    new WebhookError(
      'TRIGGER_NOT_CALLABLE',
      404,
      `Trigger '${trigger}' is of type '${type}' and cannot be called over HTTP.`,
    ),
  disabled: (name: string) =>
    new WebhookError('WORKFLOW_DISABLED', 409, `Workflow '${name}' is disabled; enable it to accept calls.`),
  badSignature: () =>
    new WebhookError(
      'INVALID_SIGNATURE',
      401,
      'The callback URL signature is missing or invalid; get a fresh callback URL.',
    ),
  wrongMethod: (expected: string, found: string) =>
    new WebhookError('METHOD_NOT_ALLOWED', 405, `This trigger accepts ${expected} requests, not ${found}.`),
  callerNotAllowed: (name: string, address: string) =>
    new WebhookError(
      'CALLER_NOT_ALLOWED',
      403,
      `Caller address ${address} is not in the allowed caller IP ranges of workflow '${name}'.`,
    ),
  tooManyWaitingRuns: (trigger: string) =>
    new WebhookError(
      'TOO_MANY_WAITING_RUNS',
      429,
      `Trigger '${trigger}' already has as many runs waiting as its maximumWaitingRuns allows; try again later.`,
      true,
    ),
  triggerDisabled: (trigger: string) =>
    new WebhookError('TRIGGER_DISABLED', 409, `Trigger '${trigger}' is disabled; enable it to accept calls.`),
  pathMismatch: (path: string, template: string | undefined) =>
    new WebhookError(
      'PATH_NOT_FOUND',
      404,
      template === undefined
        ? `This trigger has no relativePath; call its URL without the extra path '${path}'.`
        : `The path '${path}' does not match the trigger's relativePath '${template}'.`,
    ),
  malformedJson: (detail: string) =>
    new WebhookError('MALFORMED_JSON', 400, `The body is not valid JSON (${detail}); nothing was accepted.`),
  notJson: (contentType: string | undefined) =>
    new WebhookError(
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      `This trigger validates its body against a JSON schema; send it with content type application/json, ` +
        `not '${contentType ?? '(none)'}'.`,
    ),
  schemaViolation: (problems: FieldProblem[]) =>
    new WebhookError(
      'BODY_SCHEMA_VIOLATION',
      400,
      `The body does not match the trigger's schema (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was started.`,
      false,
      problems,
    ),
  badTriggerDefinition: (trigger: string, detail: string) =>
    new WebhookError(
      'TRIGGER_DEFINITION_INVALID',
      500,
      `Trigger '${trigger}' cannot accept calls: ${detail}. Fix the workflow definition.`,
    ),
  splitOnFailed: (detail: string) =>
    new WebhookError('SPLIT_ON_FAILED', 400, `${detail} Nothing was started.`),
  unavailable: () =>
    new WebhookError(
      'TRIGGER_NOT_ACCEPTED',
      503,
      'The trigger could not be recorded durably; nothing was started. Retry.',
      true,
    ),
  responseTimeout: (runId: string) =>
    new WebhookError(
      'RESPONSE_TIMEOUT',
      504,
      `Run '${runId}' did not produce a response in time; it goes on running.`,
    ),
};
