import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed callback URLs of webhook actions (`HttpWebhook`, `ApiConnectionWebhook`): what `listCallbackUrl()`
 * returns inside such an action. `<base>/api/hooks/runs/<runId>/callbacks/<callbackId>?sig=<signature>`, where
 * the callback id names one action instance of the run. The signature is HMAC-SHA256, base64url, with the
 * platform's signing key over `action-callback:v1/<runId>/<callbackId>`: a purpose prefix that no trigger
 * signature (`<workflowId>/<trigger>/<keyVersion>`, a UUID first) can produce, so a trigger's signed URL cannot
 * be replayed as an action callback, nor the other way round.
 */
export function signActionCallback(key: string, runId: string, callbackId: string): string {
  return createHmac('sha256', key).update(`action-callback:v1/${runId}/${callbackId}`).digest('base64url');
}

/** True when `signature` was made by one of `keys` for this run and callback id. Constant-time compare. */
export function verifyActionCallback(
  keys: readonly string[],
  runId: string,
  callbackId: string,
  signature: string,
): boolean {
  const given = Buffer.from(signature);
  return keys.some((key) => {
    const expected = Buffer.from(signActionCallback(key, runId, callbackId));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** The path and query of a webhook action's callback URL (prefix it with the public base URL). */
export function actionCallbackPath(key: string, runId: string, callbackId: string): string {
  const sig = signActionCallback(key, runId, callbackId);
  return `/api/hooks/runs/${encodeURIComponent(runId)}/callbacks/${encodeURIComponent(callbackId)}?sig=${sig}`;
}
