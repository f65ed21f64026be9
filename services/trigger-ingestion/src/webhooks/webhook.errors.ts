import { PlatformError } from '@patchbay/platform';

/** Errors a webhook caller can get; each carries its HTTP status. */
export class WebhookError extends PlatformError {
  readonly retryable: boolean;
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    retryable = false,
  ) {
    super(message);
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
