/**
 * `npm run conformance -- expressions <vectors.json> [--json <out>]`: evaluates every expression test vector
 * with the rules of corpus/expressions/README.md, prints one line per vector and then `N passed, M failed`.
 * Ambiguous vectors and unautomatable checks are shown but not counted; derived vectors are counted, and
 * also summed separately so that a failure can be traced to our reading of a rule.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readVectors } from './expressions/expression-vector.js';
import { runVector, type VectorResult } from './expressions/vector-runner.js';

const LABELS: Record<VectorResult['outcome'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  ambiguous: 'AMBIGUOUS',
  reported: 'REPORTED',
};

function describeResult(result: VectorResult): string {
  if (result.error !== undefined) return `error ${clip(result.error)}`;
  return `=> ${clip(JSON.stringify(result.actual) ?? 'undefined')}`;
}

function clip(text: string, limit = 160): string {
  return text.length > limit ? `${text.slice(0, limit)}...` : text;
}

function line(result: VectorResult, expression: string): string {
  const derived = result.derived ? ' [derived]' : '';
  return `${LABELS[result.outcome].padEnd(9)} ${result.id}${derived}  ${clip(expression, 100)}  ${describeResult(result)}  (rule ${result.rule}: ${clip(result.detail, 200)})`;
}

/** Same shape as `ConformanceCommand` in commands.ts (not imported, so the two modules do not import each other). */
export const expressionsCommand = async (args: string[]): Promise<number> => {
  const [file, ...options] = args;
  let jsonOut: string | undefined;
  for (let i = 0; i < options.length; i++) {
    if (options[i] === '--json' && options[i + 1] !== undefined) jsonOut = options[++i];
    else {
      process.stderr.write(
        `Unknown option '${options[i] ?? ''}'. Usage: expressions <vectors.json> [--json <out>]\n`,
      );
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write('Usage: expressions <vectors.json> [--json <out>]\n');
    return 2;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const vectors = readVectors(parsed);
  if (typeof vectors === 'string') {
    process.stderr.write(`${file}: ${vectors}\n`);
    return 2;
  }

  const results = vectors.map(runVector);
  vectors.forEach((vector, i) =>
    process.stdout.write(`${line(results[i] as VectorResult, vector.expression)}\n`),
  );

  const count = (outcome: VectorResult['outcome'], derived?: boolean): number =>
    results.filter((r) => r.outcome === outcome && (derived === undefined || r.derived === derived)).length;
  const passed = count('pass');
  const failed = count('fail');
  process.stdout.write(
    `doc examples: ${count('pass', false)} passed, ${count('fail', false)} failed; derived: ${count('pass', true)} passed, ${count('fail', true)} failed; ` +
      `not counted: ${count('ambiguous')} ambiguous, ${count('reported')} reported only\n`,
  );
  process.stdout.write(`${passed} passed, ${failed} failed\n`);

  if (jsonOut !== undefined) {
    const report = {
      file,
      summary: {
        passed,
        failed,
        ambiguous: count('ambiguous'),
        reported: count('reported'),
        derivedPassed: count('pass', true),
        derivedFailed: count('fail', true),
      },
      results,
    };
    await writeFile(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
  }
  return failed > 0 ? 1 : 0;
};
