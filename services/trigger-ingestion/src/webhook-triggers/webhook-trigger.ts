import type { TriggerSpec } from '@patchbay/contracts';
import {
  compileTemplate,
  createStaticEvaluationContext,
  WdlEvaluationError,
  WdlExpressionSyntaxError,
} from '@patchbay/wdl';

/** Trigger types that subscribe a callback URL at a remote service. */
const WEBHOOK_TRIGGER_TYPES = new Set(['httpwebhook', 'apiconnectionwebhook']);

/** True for `HttpWebhook` and `ApiConnectionWebhook` triggers (any letter case, as WDL reads types). */
export function isWebhookTrigger(spec: Pick<TriggerSpec, 'type'>): boolean {
  return WEBHOOK_TRIGGER_TYPES.has(spec.type.toLowerCase());
}

/** The subscription inputs could not be evaluated (an expression fails, or names what a trigger cannot see). */
export class SubscriptionInputsError extends Error {
  readonly code = 'InvalidTriggerInputs';
}

/**
 * The trigger's inputs with their expressions evaluated at `now`, `listCallbackUrl()` being the trigger's own
 * signed callback URL and `@parameters('x')` the values the orchestrator announced with the trigger. A trigger
 * has no actions, variables or trigger outputs yet to refer to.
 */
export function evaluateSubscriptionInputs(spec: TriggerSpec, callbackUrl: string, now: Date): unknown {
  try {
    return compileTemplate(spec.inputs ?? {}).evaluate(
      createStaticEvaluationContext({ now, callbackUrl, parameters: spec.parameters ?? {} }),
    );
  } catch (error) {
    if (error instanceof WdlEvaluationError || error instanceof WdlExpressionSyntaxError)
      throw new SubscriptionInputsError(`trigger inputs: ${error.message}`);
    throw error;
  }
}

/**
 * True when an `HttpWebhook` trigger says how to unsubscribe (`inputs.unsubscribe`); an `ApiConnectionWebhook`
 * always can (its connector deletes the subscription's `Location`).
 */
export function canUnsubscribe(spec: TriggerSpec): boolean {
  if (spec.type.toLowerCase() !== 'httpwebhook') return true;
  const inputs = spec.inputs;
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) return false;
  const unsubscribe = (inputs as Record<string, unknown>)['unsubscribe'];
  return typeof unsubscribe === 'object' && unsubscribe !== null && Object.keys(unsubscribe).length > 0;
}
