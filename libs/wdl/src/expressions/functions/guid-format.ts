import { valueError } from '../runtime/argument-checks.js';
import type { CallSite } from '../runtime/function-definition.js';

/** A GUID in one of the .NET `Guid.ToString(format)` formats: N, D (default), B, P, X. */
export function formatGuid(guid: string, format: string, site: CallSite): string {
  const hex = guid
    .replace(/[^0-9a-fA-F]/g, '')
    .toLowerCase()
    .padEnd(32, '0')
    .slice(0, 32);
  const d = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  switch (format === '' ? 'D' : format.toUpperCase()) {
    case 'N':
      return hex;
    case 'D':
      return d;
    case 'B':
      return `{${d}}`;
    case 'P':
      return `(${d})`;
    case 'X': {
      const bytes = hex.slice(16).match(/../g) ?? [];
      return `{0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)},{${bytes.map((b) => `0x${b}`).join(',')}}}`;
    }
    default:
      throw valueError(
        site,
        0,
        `The format '${format}' is not a valid GUID format; use 'N', 'D', 'B', 'P' or 'X'.`,
        'InvalidFormat',
      );
  }
}
