import { createHash } from 'node:crypto';

/**
 * A run id derived from what identifies one firing (workflow, trigger, occurrence or item). Whoever fires it,
 * and however often a crash makes it fire again, the orchestrator sees the same run id and starts one run.
 */
export function deterministicRunId(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5 layout (name-based)
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
