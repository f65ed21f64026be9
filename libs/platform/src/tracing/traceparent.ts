import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** W3C trace context: `00-<trace id>-<parent span id>-<flags>`. */
export interface TraceContext {
  traceId: string;
  spanId: string;
}

export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const match = value === undefined ? null : TRACEPARENT.exec(value);
  if (match === null) return undefined;
  return { traceId: match[1]!, spanId: match[2]! };
}

/** A child span of `parent` (same trace id, new span id), or a new trace when there is no parent. */
export function childTraceparent(parent?: string): string {
  const traceId = parseTraceparent(parent)?.traceId ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}
