/**
 * `npm run conformance -- validate <dir>`: validates every workflow definition of a folder. Reads
 * `MANIFEST.json` when there is one (file list, and which files are ARM extracts), otherwise every
 * `*.json`. Each line says OK, UNSUPPORTED (valid WDL rejected only for features Patchbay does not run
 * yet; counted as passed) or FAIL; then the unsupported features with counts; last `N passed, M failed`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateDefinition, type DefinitionProblem } from '@patchbay/wdl';
import { replaceArmExpressions } from './validate/arm-preprocessor.js';

const USAGE = 'Usage: validate <dir>\n';
/** Feature name for problems caused by ARM expressions that only ARM deployment can evaluate. */
const ARM_FEATURE = 'arm-template-evaluation';

interface Entry {
  file: string;
  /** From the manifest; undefined when there is no manifest. */
  armTemplateExpressions?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

async function entriesOf(dir: string): Promise<Entry[]> {
  const names = await readdir(dir);
  if (names.includes('MANIFEST.json')) {
    const manifest = JSON.parse(await readFile(join(dir, 'MANIFEST.json'), 'utf8')) as unknown;
    const list = isObject(manifest) ? manifest['workflows'] : undefined;
    if (Array.isArray(list)) {
      return list.filter(isObject).map((w) => ({
        file: String(w['file']),
        ...(typeof w['armTemplateExpressions'] === 'number'
          ? { armTemplateExpressions: w['armTemplateExpressions'] }
          : {}),
      }));
    }
  }
  return names
    .filter((name) => name.endsWith('.json') && name !== 'MANIFEST.json')
    .sort()
    .map((file) => ({ file }));
}

function clip(text: string, limit = 220): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** Problems at (or under) a path an ARM expression was replaced at become unsupported ARM evaluation. */
function attributeToArm(problems: DefinitionProblem[], replaced: string[]): DefinitionProblem[] {
  return problems.map((problem) =>
    replaced.some(
      (path) =>
        problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`),
    )
      ? {
          ...problem,
          code: 'unsupported-feature',
          feature: ARM_FEATURE,
          message: `${problem.message} (the value is an ARM template expression)`,
        }
      : problem,
  );
}

export async function validateCommand(args: string[]): Promise<number> {
  const [dir, ...rest] = args;
  if (dir === undefined || rest.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const entries = await entriesOf(dir);
  const featureCounts = new Map<string, number>();
  let passed = 0;
  let failed = 0;
  for (const entry of entries) {
    let document: unknown;
    try {
      document = JSON.parse(
        (await readFile(join(dir, entry.file), 'utf8')).replace(/^\uFEFF/, ''),
      ) as unknown;
    } catch (error) {
      failed += 1;
      process.stdout.write(
        `FAIL ${entry.file}: cannot read JSON (${error instanceof Error ? error.message : String(error)})\n`,
      );
      continue;
    }
    const arm =
      entry.armTemplateExpressions === undefined || entry.armTemplateExpressions > 0
        ? replaceArmExpressions(document)
        : { value: document, replacedPaths: [] };
    const armNote =
      arm.replacedPaths.length > 0
        ? ` [ARM template: ${arm.replacedPaths.length} expression(s) replaced by placeholders]`
        : '';
    const result = validateDefinition(arm.value);
    const problems = attributeToArm(result.problems, arm.replacedPaths);
    const blocking = problems.filter((p) => p.code !== 'unsupported-feature');
    const features = [
      ...new Set(problems.filter((p) => p.code === 'unsupported-feature').map((p) => p.feature ?? 'unknown')),
    ].sort();
    for (const feature of features) featureCounts.set(feature, (featureCounts.get(feature) ?? 0) + 1);
    if (blocking.length > 0) {
      failed += 1;
      const shown = blocking.slice(0, 5).map((p) => `${p.code} ${clip(p.message)}`);
      const more = blocking.length > 5 ? ` (+${blocking.length - 5} more)` : '';
      process.stdout.write(`FAIL ${entry.file}: ${shown.join(' | ')}${more}${armNote}\n`);
    } else if (features.length > 0) {
      passed += 1;
      process.stdout.write(`UNSUPPORTED ${entry.file}: ${features.join(', ')}${armNote}\n`);
    } else {
      passed += 1;
      process.stdout.write(`OK ${entry.file}${armNote}\n`);
    }
  }
  const summary = [...featureCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f, n]) => `${f} ${n}`);
  process.stdout.write(
    `unsupported features (definitions using each): ${summary.length > 0 ? summary.join(', ') : 'none'}\n`,
  );
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
