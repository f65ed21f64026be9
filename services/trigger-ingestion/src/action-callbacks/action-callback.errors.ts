import { WebhookError } from '../webhooks/webhook.errors.js';

/** What a caller of a webhook action's callback URL can be refused with; each carries its HTTP status. */
export const actionCallbackErrors = {
  badSignature: () =>
    new WebhookError(
      'INVALID_SIGNATURE',
      401,
      'The callback URL signature is missing or invalid; use the URL the workflow action gave you, unchanged.',
    ),
  wrongMethod: (found: string) =>
    new WebhookError('METHOD_NOT_ALLOWED', 405, `Action callback URLs accept POST requests, not ${found}.`),
  unavailable: () =>
    new WebhookError(
      'CALLBACK_NOT_ACCEPTED',
      503,
      'The callback could not be recorded durably; nothing was accepted. Retry.',
      true,
    ),
};
