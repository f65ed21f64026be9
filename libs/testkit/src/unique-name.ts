import { randomBytes } from 'node:crypto';
import { TestkitError } from './errors.js';

const PREFIX = /^[a-z][a-z0-9_.-]*$/;

/**
 * A name no other test run uses, for topics, consumer groups, schemas and Vault paths:
 * `<prefix><sep><time base36><sep><6 hex>`, e.g. `orders-m3x1k2-9f2c4a`.
 * Use separator `_` for Postgres identifiers (they then need no quoting).
 *
 * @param prefix lower-case letters, digits, `_`, `.` or `-`, starting with a letter.
 * @throws {TestkitError} code `INVALID_NAME_PREFIX` for any other prefix.
 */
export function uniqueName(prefix: string, separator: '-' | '_' | '.' = '-'): string {
  if (!PREFIX.test(prefix)) {
    throw new TestkitError(
      'INVALID_NAME_PREFIX',
      `uniqueName prefix must match ${PREFIX.source}: "${prefix}"`,
    );
  }
  return [prefix, Date.now().toString(36), randomBytes(3).toString('hex')].join(separator);
}
