import { waitFor } from '@patchbay/testkit';
import { requestJson, type JsonAnswer } from './http-json.js';

/**
 * Calls a callback URL right after its workflow was deployed. trigger-ingestion learns about new workflows
 * from Kafka, so a first call may find the workflow unknown (404) for a moment; any other answer is returned.
 */
export async function callWhenKnown<T = unknown>(url: string, body: unknown): Promise<JsonAnswer<T>> {
  return waitFor(
    async () => {
      const answer = await requestJson<T>('POST', url, body);
      return answer.status === 404 ? undefined : answer;
    },
    { timeoutMs: 30_000, intervalMs: 100, description: `trigger-ingestion to know ${new URL(url).pathname}` },
  );
}
