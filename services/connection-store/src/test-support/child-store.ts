import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@patchbay/testkit';
import { freePort } from './connection-store.harness.js';

/** connection-store's real entry point, as production starts it. */
const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

export interface ChildStore {
  baseUrl: string;
  grpcTarget: string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  process: ChildProcess;
}

/**
 * Starts connection-store as a separate process (dist/main.js) with the given environment, and resolves
 * once `/readyz` answers 200. Used by the crash tests: the process can die for real.
 */
export async function startChildStore(env: Record<string, string>): Promise<ChildStore> {
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      PATCHBAY_HTTP_PORT: String(httpPort),
      PATCHBAY_GRPC_PORT: String(grpcPort),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  await waitFor(
    async () => {
      if (gone) throw new Error('the child connection-store exited during boot');
      return (await fetch(`${baseUrl}/readyz`)).status === 200;
    },
    { timeoutMs: 30_000, description: 'child connection-store ready' },
  );
  return { baseUrl, grpcTarget: `127.0.0.1:${grpcPort}`, exited, process: child };
}
