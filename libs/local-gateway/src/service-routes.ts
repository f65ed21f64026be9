import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The four services and the env-file variable holding each one's URL (deploy/local/lib/services-up.sh). */
export const GATEWAY_SERVICES = [
  { service: 'trigger-ingestion', urlVariable: 'PATCHBAY_TRIGGER_INGESTION_URL' },
  { service: 'orchestrator', urlVariable: 'PATCHBAY_ORCHESTRATOR_URL' },
  { service: 'connector-runtime', urlVariable: 'PATCHBAY_CONNECTOR_RUNTIME_URL' },
  { service: 'connection-store', urlVariable: 'PATCHBAY_CONNECTION_STORE_URL' },
] as const;

/** One path prefix and the service that owns it. */
export interface GatewayRoute {
  prefix: string;
  service: string;
  upstream: string;
}

/**
 * The path prefixes a service owns, from its OpenAPI document: `/api/<resource>` for every `/api` path, and its
 * own document path. Health and metrics stay per service (every service has them).
 */
export function apiPrefixes(document: { paths: Record<string, unknown> }): string[] {
  const prefixes = new Set<string>();
  for (const path of Object.keys(document.paths)) {
    const segments = path.split('/');
    if (segments[1] !== 'api' || segments[2] === undefined) continue;
    prefixes.add(segments[2] === 'openapi' ? path : `/api/${segments[2]}`);
  }
  return [...prefixes].sort();
}

/**
 * The gateway's table from the services' checked-in OpenAPI documents (`services/<name>/openapi.json`), so a new
 * resource is routed as soon as `npm run openapi` records it. Two services claiming one prefix is an error.
 */
export async function routesFromDocuments(
  repoRoot: string,
  upstreams: Readonly<Record<string, string>>,
): Promise<GatewayRoute[]> {
  const routes: GatewayRoute[] = [];
  for (const { service } of GATEWAY_SERVICES) {
    const upstream = upstreams[service];
    if (upstream === undefined) throw new Error(`no URL for ${service}`);
    const file = join(repoRoot, 'services', service, 'openapi.json');
    const document = JSON.parse(await readFile(file, 'utf8')) as { paths: Record<string, unknown> };
    for (const prefix of apiPrefixes(document)) {
      const owner = routes.find((route) => route.prefix === prefix);
      if (owner !== undefined)
        throw new Error(`both ${owner.service} and ${service} serve ${prefix}: one prefix, one owner`);
      routes.push({ prefix, service, upstream });
    }
  }
  return routes;
}
