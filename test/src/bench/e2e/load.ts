import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  /** The JSON request body, sent on every request. */
  body: string;
  /** The exact answer every request must get; any other body counts as an error. */
  expectBody: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Requests answered 2xx with the expected body. */
  ok: number;
  /** Requests that did not get that: connection errors, timeouts, non-2xx answers, wrong bodies. */
  errors: number;
  /** Requests sent (including those that had not been answered when the window closed). */
  sent: number;
  /** Answers of any kind received. */
  answered: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  durationSeconds: number;
}

/**
 * Drives one URL with autocannon: `connections` callers each sending the next request as soon as the last is
 * answered, for a fixed duration. Throughput counts only correct answers.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: spec.body,
    expectBody: spec.expectBody,
    connections: spec.connections,
    duration: spec.durationSeconds,
    // A request that takes this long counts as a timeout (an error), not as a slow answer.
    timeout: 30,
  });
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  // autocannon counts a 2xx with the wrong body both in 2xx and in mismatches.
  const ok = result['2xx'] - result.mismatches;
  // Timeouts are already counted in errors.
  const errors = result.errors + result.non2xx + result.mismatches;
  return {
    ok,
    errors,
    sent: result.requests.sent,
    answered,
    requestsPerSecond: ok / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    durationSeconds: result.duration,
  };
}
