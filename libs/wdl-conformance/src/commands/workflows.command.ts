/**
 * `npm run conformance -- workflows <dir> [--target local|<baseUrl>] [--only <text>]`: runs the WDL
 * acceptance cases of a folder (format: corpus/wdl-cases/README.md). Prints one line per case, then
 * `N passed, M failed`; exits non-zero when anything failed.
 */
import {
  parametersFor,
  readExpectFiles,
  type AcceptanceCase,
  type ExpectFile,
} from './workflows/case-file.js';
import type { CaseOutcome } from './workflows/case-outcome.js';
import { checkExpectations } from './workflows/expectations.js';
import { runCaseLocally } from './workflows/local-target.js';
import { runCaseRemotely } from './workflows/remote-target.js';
import { StubServer } from './workflows/stub-server.js';

const USAGE = 'Usage: workflows <dir> [--target local|<baseUrl>] [--only <text>]\n';
/** README: 60 s per case is enough; case 09 needs about 15 s. */
const CASE_TIMEOUT_MS = 60_000;

async function runCase(
  file: ExpectFile,
  testCase: AcceptanceCase,
  index: number,
  target: string,
): Promise<CaseOutcome> {
  const stub = testCase.input.stub === undefined ? undefined : new StubServer(testCase.input.stub);
  const port = stub === undefined ? undefined : await stub.start();
  try {
    const parameters = parametersFor(testCase.input, port);
    const workflowName = `${file.workflow.replace(/\.json$/, '')}-${index + 1}`;
    const outcome =
      target === 'local'
        ? await runCaseLocally(file.definition, testCase.input, {
            workflowName,
            parameters,
            timeoutMs: CASE_TIMEOUT_MS,
          })
        : await runCaseRemotely(file.definition, testCase.input, {
            baseUrl: target,
            workflowName,
            parameters,
            timeoutMs: CASE_TIMEOUT_MS,
          });
    return stub === undefined
      ? outcome
      : { ...outcome, stub, warnings: [...outcome.warnings, ...stub.warnings] };
  } finally {
    await stub?.stop();
  }
}

export async function workflowsCommand(args: string[]): Promise<number> {
  let dir: string | undefined;
  let target = 'local';
  let only: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--target' && args[i + 1] !== undefined) target = args[++i] as string;
    else if (arg === '--only' && args[i + 1] !== undefined) only = args[++i];
    else if (arg !== undefined && !arg.startsWith('--') && dir === undefined) dir = arg;
    else {
      process.stderr.write(`Unknown option '${arg ?? ''}'. ${USAGE}`);
      return 2;
    }
  }
  if (dir === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (target !== 'local' && !/^https?:\/\//.test(target)) {
    process.stderr.write(`--target must be 'local' or an http(s) base URL. ${USAGE}`);
    return 2;
  }
  const files = await readExpectFiles(dir);
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    for (const [index, testCase] of file.cases.entries()) {
      const label = `${file.workflow.replace(/\.json$/, '')} #${index + 1} ${testCase.name}`;
      if (only !== undefined && !label.includes(only)) continue;
      const started = Date.now();
      let problems: string[];
      let warnings: string[] = [];
      try {
        const outcome = await runCase(file, testCase, index, target);
        problems = checkExpectations(testCase.expect, outcome);
        warnings = outcome.warnings;
      } catch (error) {
        problems = [`error: ${error instanceof Error ? error.message : String(error)}`];
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const note = warnings.length > 0 ? ` (warnings: ${warnings.join('; ')})` : '';
      if (problems.length === 0) {
        passed += 1;
        process.stdout.write(`PASS ${label} [${seconds}s]${note}\n`);
      } else {
        failed += 1;
        process.stdout.write(`FAIL ${label} [${seconds}s]: ${problems.join(' | ')}${note}\n`);
      }
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
