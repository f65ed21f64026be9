import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '@patchbay/testkit';
import { apiPrefixes, GATEWAY_SERVICES, routesFromDocuments } from './service-routes.js';

const root = findRepoRoot();
const upstreams = Object.fromEntries(
  GATEWAY_SERVICES.map(({ service }, i) => [service, `http://127.0.0.1:${9000 + i}`]),
);

test('prefixes are /api/<resource> per resource, plus the document path; health stays per service', () => {
  const document = {
    paths: {
      '/api/workflows': {},
      '/api/workflows/{id}/runs': {},
      '/api/runs/{id}': {},
      '/api/openapi/orchestrator.json': {},
      '/healthz': {},
    },
  };
  assert.deepEqual(apiPrefixes(document), ['/api/openapi/orchestrator.json', '/api/runs', '/api/workflows']);
});

test('every /api prefix of the checked-in documents has exactly one owning service', async () => {
  const routes = await routesFromDocuments(root, upstreams);
  const owners = new Map(routes.map((route) => [route.prefix, route.service]));
  assert.equal(owners.size, routes.length);
  assert.equal(owners.get('/api/hooks'), 'trigger-ingestion');
  assert.equal(owners.get('/api/workflows'), 'orchestrator');
  assert.equal(owners.get('/api/connectors'), 'connector-runtime');
  assert.equal(owners.get('/api/connections'), 'connection-store');
});

test("the Helm Ingress routes exactly the prefixes each service's document has", async () => {
  const values = parse(await readFile(join(root, 'helm', 'patchbay', 'values.yaml'), 'utf8')) as Record<
    string,
    { ingressPaths?: string[] }
  >;
  const keys: Record<string, string> = {
    'trigger-ingestion': 'triggerIngestion',
    orchestrator: 'orchestrator',
    'connector-runtime': 'connectorRuntime',
    'connection-store': 'connectionStore',
  };
  const routes = await routesFromDocuments(root, upstreams);
  for (const { service } of GATEWAY_SERVICES) {
    const expected = routes.filter((route) => route.service === service).map((route) => route.prefix);
    const ingress = [...(values[keys[service]!]?.ingressPaths ?? [])].sort();
    assert.deepEqual(ingress, expected, `helm/patchbay/values.yaml ${keys[service]}.ingressPaths`);
  }
});
