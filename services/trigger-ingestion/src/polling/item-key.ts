import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/**
 * The identity of a polled item for deduplication: a hash of its JSON with keys sorted. The same item returned
 * by overlapping polls has the same key; an item that changed (a row updated, a file modified) is a new item.
 */
export function itemKey(item: unknown): string {
  return createHash('sha256')
    .update(stringify(item) ?? 'undefined')
    .digest('base64url');
}
