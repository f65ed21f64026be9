import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed callback URLs for Request triggers, in the manner of Logic Apps' SAS-signed URLs:
 * `<base>/api/hooks/<workflowId>/triggers/<trigger>/invoke?sv=<keyVersion>&sig=<signature>`.
 * The signature is HMAC-SHA256 over `<workflowId>/<trigger>/<keyVersion>` with the platform's signing key,
 * base64url-encoded. Rotating a trigger's URL bumps its key version; rotating the platform key is done by
 * listing the new key first and the old one second until callers have moved.
 */
export function signCallback(
  key: string,
  workflowId: string,
  triggerName: string,
  keyVersion: number,
): string {
  return createHmac('sha256', key).update(`${workflowId}/${triggerName}/${keyVersion}`).digest('base64url');
}

/** True when `signature` was made by one of `keys` for this trigger and key version. Constant-time compare. */
export function verifyCallback(
  keys: readonly string[],
  workflowId: string,
  triggerName: string,
  keyVersion: number,
  signature: string,
): boolean {
  const given = Buffer.from(signature);
  return keys.some((key) => {
    const expected = Buffer.from(signCallback(key, workflowId, triggerName, keyVersion));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** The path and query of a trigger's callback URL (prefix it with the public base URL). */
export function callbackPath(
  key: string,
  workflowId: string,
  triggerName: string,
  keyVersion: number,
): string {
  const sig = signCallback(key, workflowId, triggerName, keyVersion);
  return `/api/hooks/${workflowId}/triggers/${encodeURIComponent(triggerName)}/invoke?sv=${keyVersion}&sig=${sig}`;
}
