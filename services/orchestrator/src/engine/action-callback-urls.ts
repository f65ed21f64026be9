import { actionCallbackPath } from '@patchbay/contracts';
import type { ActionCallbackUrl } from '@patchbay/wdl';

/**
 * The callback URLs of webhook actions: trigger-ingestion's public endpoint, signed with the newest platform
 * signing key (`PATCHBAY_WEBHOOK_SIGNING_KEY`, shared with trigger-ingestion, which accepts any listed key).
 * The interpreter asks once per action instance and keeps the URL in the run state.
 */
export function actionCallbackUrls(signingKeys: readonly string[], publicBaseUrl: string): ActionCallbackUrl {
  const [key] = signingKeys;
  if (key === undefined) throw new Error('actionCallbackUrls needs at least one signing key');
  return (ref) => new URL(actionCallbackPath(key, ref.runId, ref.callbackId), publicBaseUrl).toString();
}
