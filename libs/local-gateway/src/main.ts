/**
 * Starts the local gateway: `node libs/local-gateway/dist/main.js` with PATCHBAY_GATEWAY_PORT and the four
 * PATCHBAY_<SERVICE>_URL variables of deploy/local/.env in the environment. Listens on 127.0.0.1 only.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway } from './gateway.js';
import { GATEWAY_SERVICES, routesFromDocuments } from './service-routes.js';

async function main(): Promise<void> {
  const port = Number(process.env.PATCHBAY_GATEWAY_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error('PATCHBAY_GATEWAY_PORT must be a port number (1-65535)');
  const upstreams: Record<string, string> = {};
  for (const { service, urlVariable } of GATEWAY_SERVICES) {
    const url = process.env[urlVariable];
    if (url === undefined || url === '') throw new Error(`${urlVariable} is not set`);
    upstreams[service] = url;
  }
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const routes = await routesFromDocuments(repoRoot, upstreams);
  const app = await startGateway({ routes, host: '127.0.0.1', port });
  for (const route of routes) process.stdout.write(`${route.prefix} -> ${route.service} ${route.upstream}\n`);
  process.stdout.write(`gateway listening on http://127.0.0.1:${port}\n`);
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `local-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
