import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { findRepoRoot } from './repo-root.js';

/** The first place two JSON values differ, as a dotted path (`paths./api/x.get`), or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found !== undefined) return found;
  }
  return path;
}

/**
 * Checks a service's generated OpenAPI document: it must be valid OpenAPI (checked with @readme/openapi-parser)
 * and equal to the checked-in file. Throws an Error telling what differs and to run `npm run openapi`.
 */
export async function assertOpenApiDocumentCurrent(generated: object, file: URL): Promise<void> {
  const { validate, compileErrors } = await import('@readme/openapi-parser');
  const result = await validate(structuredClone(generated) as Parameters<typeof validate>[0]);
  if (!result.valid) throw new Error(`the generated OpenAPI document is invalid:\n${compileErrors(result)}`);
  const shown = relative(findRepoRoot(), fileURLToPath(file));
  let checkedIn: unknown;
  try {
    checkedIn = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${shown} cannot be read (${(error as Error).message}): run \`npm run openapi\` and commit the file`,
    );
  }
  const difference = firstDifference(checkedIn, generated);
  if (difference !== undefined)
    throw new Error(
      `${shown} differs from what the code generates (first at ${difference}): run \`npm run openapi\` ` +
        'and commit the file',
    );
}
