import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot, readEnvFile } from '@patchbay/testkit';

const run = promisify(execFile);

/** Where the running platform answers, and how to reach the processes deploy/local started. */
export interface Platform {
  orchestratorUrl: string;
  connectionStoreUrl: string;
  triggerIngestionUrl: string;
  repoRoot: string;
  /** deploy/local's state dir (pid files), when deploy/local started the services. */
  stateDir?: string;
}

const URL_VARS = {
  orchestratorUrl: 'PATCHBAY_ORCHESTRATOR_URL',
  connectionStoreUrl: 'PATCHBAY_CONNECTION_STORE_URL',
  triggerIngestionUrl: 'PATCHBAY_TRIGGER_INGESTION_URL',
} as const;

function fromVars(
  vars: Readonly<Record<string, string | undefined>>,
  repoRoot: string,
): Platform | undefined {
  const orchestratorUrl = vars[URL_VARS.orchestratorUrl];
  const connectionStoreUrl = vars[URL_VARS.connectionStoreUrl];
  const triggerIngestionUrl = vars[URL_VARS.triggerIngestionUrl];
  if (!orchestratorUrl || !connectionStoreUrl || !triggerIngestionUrl) return undefined;
  const stateDir = vars['PATCHBAY_STATE_DIR'];
  return {
    orchestratorUrl,
    connectionStoreUrl,
    triggerIngestionUrl,
    repoRoot,
    ...(stateDir ? { stateDir } : {}),
  };
}

async function ready(platform: Platform): Promise<boolean> {
  for (const url of [platform.orchestratorUrl, platform.connectionStoreUrl, platform.triggerIngestionUrl]) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status !== 200) return false;
    } catch {
      return false;
    }
  }
  return true;
}

let resolved: Promise<Platform> | undefined;

/**
 * The running platform: the PATCHBAY_*_URL variables when set; else deploy/local/.env when its services are
 * ready; else `deploy/local/up.sh` brings up the infrastructure and the four services first.
 */
export function resolvePlatform(): Promise<Platform> {
  resolved ??= (async () => {
    const repoRoot = findRepoRoot();
    const explicit = fromVars(process.env, repoRoot);
    if (explicit) return explicit;
    const envFile = join(repoRoot, 'deploy', 'local', '.env');
    const local = fromVars((await readEnvFile(envFile)) ?? {}, repoRoot);
    if (local && (await ready(local))) return local;
    await run('bash', [join(repoRoot, 'deploy', 'local', 'up.sh')], { maxBuffer: 16 * 1024 * 1024 });
    const started = fromVars((await readEnvFile(envFile)) ?? {}, repoRoot);
    if (!started) throw new Error(`deploy/local/up.sh ran but ${envFile} names no services`);
    return started;
  })();
  return resolved;
}
