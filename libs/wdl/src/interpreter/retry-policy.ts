/**
 * Retry policies (`inputs.retryPolicy`). Only failures with status 408, 429 or 5xx, or failures
 * without a response that the connector marks retryable (connectivity), are retried.
 *
 * - absent / `default`: exponential, 4 retries, interval PT7S, minimum PT5S, maximum PT1H (the
 *   documented spelling of the default);
 * - `none`: no retry;
 * - `fixed`: `count` retries, `interval` apart;
 * - `exponential`: wait before retry n drawn uniformly from
 *   n = 1: [minimumInterval, min(interval, maximumInterval)],
 *   n >= 2: [max(2^(n-2)·interval, minimumInterval), min(2^(n-1)·interval, maximumInterval)].
 */
import { parseIsoDuration } from '../definition/index.js';
import { statusCodeOf } from './http-status-codes.js';

export interface RetryPolicy {
  type: 'none' | 'fixed' | 'exponential';
  count: number;
  intervalMs: number;
  minimumIntervalMs: number;
  maximumIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  type: 'exponential',
  count: 4,
  intervalMs: 7_000,
  minimumIntervalMs: 5_000,
  maximumIntervalMs: 3_600_000,
};

const ONE_DAY_MS = 86_400_000;

function duration(value: unknown, fallback: number): number {
  return typeof value === 'string' ? (parseIsoDuration(value) ?? fallback) : fallback;
}

function count(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? Math.min(n, 90) : fallback;
}

/** Reads an evaluated `retryPolicy` value. */
export function retryPolicyOf(value: unknown): RetryPolicy {
  if (value === null || typeof value !== 'object') return DEFAULT_RETRY_POLICY;
  const spec = value as Record<string, unknown>;
  const type = typeof spec['type'] === 'string' ? spec['type'].toLowerCase() : 'default';
  switch (type) {
    case 'none':
      return { ...DEFAULT_RETRY_POLICY, type: 'none', count: 0 };
    case 'fixed':
      return {
        ...DEFAULT_RETRY_POLICY,
        type: 'fixed',
        count: count(spec['count'], 4),
        intervalMs: duration(spec['interval'], 7_000),
      };
    case 'exponential':
      return {
        type: 'exponential',
        count: count(spec['count'], 4),
        intervalMs: duration(spec['interval'], 7_000),
        minimumIntervalMs: duration(spec['minimumInterval'], 5_000),
        maximumIntervalMs: duration(spec['maximumInterval'], ONE_DAY_MS),
      };
    default:
      return DEFAULT_RETRY_POLICY;
  }
}

/** Whether a failed attempt may be retried at all (status 408, 429, 5xx, or retryable without response). */
export function isRetryableFailure(outputs: unknown, error: { retryable?: boolean } | undefined): boolean {
  const status = statusCodeOf(outputs);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return error?.retryable === true;
}

/**
 * Delay before retry number `retry` (1-based), or `undefined` when the policy allows no more.
 * `random` is uniform in [0, 1).
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number): number | undefined {
  if (policy.type === 'none' || retry > policy.count) return undefined;
  if (policy.type === 'fixed') return policy.intervalMs;
  const low =
    retry === 1
      ? policy.minimumIntervalMs
      : Math.max(2 ** (retry - 2) * policy.intervalMs, policy.minimumIntervalMs);
  const high =
    retry === 1
      ? Math.min(policy.intervalMs, policy.maximumIntervalMs)
      : Math.min(2 ** (retry - 1) * policy.intervalMs, policy.maximumIntervalMs);
  if (high <= low) return Math.max(0, high);
  return Math.round(low + random() * (high - low));
}
