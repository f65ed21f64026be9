import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { TestkitError } from './errors.js';

/**
 * Reads a KEY=value env file such as deploy/local/.env. Returns undefined when the file does not exist.
 *
 * @throws {TestkitError} code `ENV_FILE_INVALID` when it cannot be read or parsed.
 */
export async function readEnvFile(path: string): Promise<Record<string, string> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw new TestkitError('ENV_FILE_INVALID', `cannot read ${path}`, { cause: error });
  }
  try {
    return parseEnv(text) as Record<string, string>;
  } catch (error) {
    throw new TestkitError('ENV_FILE_INVALID', `cannot parse ${path}`, { cause: error });
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
