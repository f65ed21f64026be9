import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@patchbay/testkit';
import type { Platform } from './platform.js';

const run = promisify(execFile);

function stateDirOf(platform: Platform): string {
  if (platform.stateDir === undefined) {
    throw new Error(
      'this test kills and restarts a service, so it needs the services deploy/local started ' +
        '(PATCHBAY_STATE_DIR with their pid files); unset PATCHBAY_*_URL to let the test use deploy/local',
    );
  }
  return platform.stateDir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return true;
}

/** SIGKILLs a service started by deploy/local and waits until the process is gone. Returns its pid. */
export async function killService(platform: Platform, service: string): Promise<number> {
  const pid = Number((await readFile(join(stateDirOf(platform), 'pids', `${service}.pid`), 'utf8')).trim());
  process.kill(pid, 'SIGKILL');
  await waitFor(async () => !alive(pid) || (await isZombie(pid)), {
    timeoutMs: 10_000,
    description: `${service} (pid ${pid}) to die`,
  });
  return pid;
}

async function isZombie(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Starts a deploy/local service again (deploy/local/lib/service-start.sh) and resolves once it is ready. */
export async function startService(platform: Platform, service: string): Promise<void> {
  stateDirOf(platform);
  await run('bash', [join(platform.repoRoot, 'deploy', 'local', 'lib', 'service-start.sh'), service]);
}
