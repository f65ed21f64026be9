/**
 * `npm run openapi`: writes each service's generated OpenAPI document to `<service dir>/openapi.json`.
 * Arguments: service directories; each one whose `dist/openapi.document.js` exists (exporting
 * `openApiDocument()`) gets its document, formatted by Prettier so `npm run lint` accepts it as is.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';

async function writeDocument(dir: string): Promise<string | undefined> {
  const module = join(resolve(dir), 'dist', 'openapi.document.js');
  if (!existsSync(module)) return undefined;
  const { openApiDocument } = (await import(pathToFileURL(module).href)) as {
    openApiDocument: () => { paths: Record<string, unknown> };
  };
  const document = openApiDocument();
  const file = join(resolve(dir), 'openapi.json');
  const text = await format(JSON.stringify(document), {
    ...(await resolveConfig(file)),
    filepath: file,
  });
  const before = existsSync(file) ? await readFile(file, 'utf8') : undefined;
  if (before !== text) await writeFile(file, text);
  const paths = Object.keys(document.paths).length;
  return `${before === text ? 'unchanged' : 'wrote'} ${join(dir, 'openapi.json')} (${paths} paths)`;
}

/** One child process per service: each root module assembles its own TypeORM registration, which Nest warns about when two meet in one process. */
function writeInChild(dir: string): string | undefined {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--one', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim() === '' ? undefined : out.trim();
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--one') {
    const line = await writeDocument(args[1]!);
    if (line !== undefined) process.stdout.write(`${line}\n`);
    return;
  }
  let written = 0;
  for (const dir of args) {
    const line = writeInChild(dir);
    if (line === undefined) continue;
    written++;
    process.stdout.write(`${line}\n`);
  }
  if (written === 0) throw new Error(`no dist/openapi.document.js in ${args.join(', ')}: build first`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
