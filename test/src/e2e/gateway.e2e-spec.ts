import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { readEnvFile } from '@patchbay/testkit';
import { resolvePlatform } from '../support/platform.js';
import { expectJson, requestJson } from '../support/http-json.js';

// deploy/local's gateway (PATCHBAY_BASE_URL): every service's API under one base URL, as the Helm Ingress does.
let base: string;
let repoRoot: string;

before(async () => {
  const platform = await resolvePlatform();
  repoRoot = platform.repoRoot;
  const vars = (await readEnvFile(join(repoRoot, 'deploy', 'local', '.env'))) ?? {};
  const url = vars['PATCHBAY_BASE_URL'];
  assert.ok(url, 'deploy/local/.env has PATCHBAY_BASE_URL');
  base = url;
});

/** A call from a chosen loopback address, so the test controls the caller address the service must see. */
function callFrom(
  from: string,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('each service answers its own prefixes through the one base URL', async () => {
  assert.ok(Array.isArray(await expectJson([200], 'GET', `${base}/api/workflows`)), 'orchestrator');
  const connections = await expectJson<{ connections: unknown[] }>([200], 'GET', `${base}/api/connections`);
  assert.ok(Array.isArray(connections.connections), 'connection-store');
  const policies = await expectJson<{ policies: unknown[] }>([200], 'GET', `${base}/api/connector-policies`);
  assert.ok(Array.isArray(policies.policies), 'connection-store policies');
  const connectors = await expectJson<{ connectors: unknown[] }>([200], 'GET', `${base}/api/connectors`);
  assert.ok(Array.isArray(connectors.connectors), 'connector-runtime');
  // trigger-ingestion answers in the platform error shape (the gateway's own 404 would not).
  const trigger = await requestJson<{ error?: { code: string } }>(
    'GET',
    `${base}/api/triggers/${randomUUID()}/manual`,
  );
  assert.equal(trigger.status, 404);
  assert.equal(typeof trigger.body.error?.code, 'string');
  const run = await requestJson<{ error?: { code: string } }>('GET', `${base}/api/runs/${randomUUID()}`);
  assert.equal(run.status, 404);
  assert.equal(run.body.error?.code, 'NOT_FOUND');
});

test('each running service serves the OpenAPI document checked in next to its code', async () => {
  const listed = await expectJson<{ documents: { service: string; url: string }[] }>(
    [200],
    'GET',
    `${base}/api/openapi`,
  );
  assert.deepEqual(listed.documents.map((d) => d.service).sort(), [
    'connection-store',
    'connector-runtime',
    'orchestrator',
    'trigger-ingestion',
  ]);
  for (const { service, url } of listed.documents) {
    const served = await expectJson([200], 'GET', `${base}${url}`);
    const checkedIn: unknown = JSON.parse(
      await readFile(join(repoRoot, 'services', service, 'openapi.json'), 'utf8'),
    );
    assert.deepEqual(
      served,
      checkedIn,
      `${service}: served document equals services/${service}/openapi.json`,
    );
  }
});

test('a webhook call through the gateway keeps the caller address for allowed caller IP ranges', async () => {
  const workflow = await expectJson<{ id: string }>([201], 'POST', `${base}/api/workflows`, {
    name: `gateway-caller-${randomUUID().slice(0, 8)}`,
    accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: '127.0.0.2/32' }] } },
    definition: {
      $schema:
        'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } },
      actions: {
        Answer: {
          type: 'Response',
          kind: 'Http',
          inputs: { statusCode: 200, body: { echoed: "@triggerBody()?['n']" } },
          runAfter: {},
        },
      },
      outputs: {},
    },
  });
  const callback = await expectJson<{ value: string }>(
    [200],
    'POST',
    `${base}/api/workflows/${workflow.id}/triggers/manual/listCallbackUrl`,
  );
  const signed = new URL(callback.value);
  const throughGateway = `${base}${signed.pathname}${signed.search}`;

  const allowed = await callFrom('127.0.0.2', throughGateway, '{"n":7}');
  assert.equal(allowed.status, 200, allowed.body);
  assert.deepEqual(JSON.parse(allowed.body), { echoed: 7 });

  const denied = await callFrom('127.0.0.3', throughGateway, '{"n":8}');
  assert.equal(denied.status, 403, denied.body);
  assert.match(denied.body, /127\.0\.0\.3/);
  // A caller cannot claim an allowed address: the gateway appends the address it saw after the claimed one.
  const spoofed = await callFrom('127.0.0.3', throughGateway, '{"n":9}', { 'x-forwarded-for': '127.0.0.2' });
  assert.equal(spoofed.status, 403, spoofed.body);
  assert.equal((await requestJson('DELETE', `${base}/api/workflows/${workflow.id}`)).status, 204);
});
