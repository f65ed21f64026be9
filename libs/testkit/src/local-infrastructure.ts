import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readEnvFile } from './env-file.js';
import { TestkitError } from './errors.js';
import { infrastructureFromEnv, type Infrastructure } from './infrastructure.js';
import { probeInfrastructure } from './infrastructure-probe.js';
import { findRepoRoot } from './repo-root.js';

/**
 * The deploy/local infrastructure of this checkout: reads deploy/local/.env ($PATCHBAY_ENV_FILE when set, as
 * the scripts do) and, when it is missing or the services it names do not answer, runs
 * `deploy/local/up.sh --infra-only` (idempotent, serialised by a lock, so parallel test files can all call
 * this) and reads the file again.
 *
 * @throws {TestkitError} `INFRA_LOCAL_UP_FAILED` when up.sh fails; `INFRA_LOCAL_UNHEALTHY` when it succeeded
 *   but the services still do not answer.
 */
export async function localInfrastructure(root: string = findRepoRoot()): Promise<Infrastructure> {
  const envFile = process.env['PATCHBAY_ENV_FILE'] ?? join(root, 'deploy', 'local', '.env');
  const existing = await readLocalEnv(envFile);
  if (existing && (await probeInfrastructure(existing)).length === 0) return existing;

  await runUpScript(root);
  const started = await readLocalEnv(envFile);
  if (!started) {
    throw new TestkitError('INFRA_LOCAL_UP_FAILED', `deploy/local/up.sh succeeded but wrote no ${envFile}`);
  }
  const problems = await probeInfrastructure(started);
  if (problems.length > 0) {
    throw new TestkitError(
      'INFRA_LOCAL_UNHEALTHY',
      `deploy/local infrastructure unhealthy: ${problems.join('; ')}`,
    );
  }
  return started;
}

async function readLocalEnv(envFile: string): Promise<Infrastructure | undefined> {
  const values = await readEnvFile(envFile);
  return values ? infrastructureFromEnv(values, 'local') : undefined;
}

/** Runs up.sh with its output on our stderr: stdout belongs to the test runner's reporter. */
function runUpScript(root: string): Promise<void> {
  const script = join(root, 'deploy', 'local', 'up.sh');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, '--infra-only'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const forward = (chunk: Buffer): void => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) =>
      reject(new TestkitError('INFRA_LOCAL_UP_FAILED', `cannot run ${script}`, { cause: error })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new TestkitError('INFRA_LOCAL_UP_FAILED', `${script} exited with ${code}:\n${tail}`));
    });
  });
}
