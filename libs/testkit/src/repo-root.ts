import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestkitError } from './errors.js';

const MARKER = join('deploy', 'local', 'up.sh');

/**
 * The Patchbay checkout whose deploy/local the tests use: $PATCHBAY_ROOT if set, else the first directory
 * above this package, else above the working directory, that contains deploy/local/up.sh.
 *
 * @throws {TestkitError} code `REPO_ROOT_NOT_FOUND`.
 */
export function findRepoRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const explicit = env['PATCHBAY_ROOT'];
  if (explicit) return resolve(explicit);
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, MARKER))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new TestkitError(
    'REPO_ROOT_NOT_FOUND',
    `no ${MARKER} above ${starts.join(' or ')}; set PATCHBAY_ROOT`,
  );
}
