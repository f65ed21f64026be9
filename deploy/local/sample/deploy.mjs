// Deploys the sample workflow through the public REST APIs (see deploy.sh) and calls it once.
// Prints what it did and how to call the workflow; exits non-zero, naming the step, when something fails.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

const env = process.env;
const orchestrator = env.PATCHBAY_ORCHESTRATOR_URL;
const connectionStore = env.PATCHBAY_CONNECTION_STORE_URL;
const greeterUrl = `http://127.0.0.1:${env.PATCHBAY_SAMPLE_TARGET_PORT}`;
const apiKey = readFileSync(env.SAMPLE_API_KEY_FILE, 'utf8').trim();
const workflowFile = new URL('./greeter-workflow.json', import.meta.url);
const WORKFLOW = 'greeter';
const CONNECTION = 'greeter-api';

async function call(step, method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers, step };
}

function expect(result, ...statuses) {
  if (!statuses.includes(result.status)) {
    throw new Error(`${result.step}: HTTP ${result.status} ${JSON.stringify(result.json)}`);
  }
  return result;
}

async function waitForTarget() {
  for (let i = 0; i < 100; i += 1) {
    try {
      await fetch(`${greeterUrl}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await delay(100);
    }
  }
  throw new Error(`the greeter target did not start on ${greeterUrl}`);
}

async function deployWorkflow() {
  const { definition } = JSON.parse(readFileSync(workflowFile, 'utf8'));
  const parameters = { greeterUrl };
  const list = expect(await call('list workflows', 'GET', `${orchestrator}/api/workflows`), 200).json;
  const existing = (Array.isArray(list) ? list : (list.workflows ?? list.value ?? [])).find(
    (w) => w.name === WORKFLOW,
  );
  if (existing === undefined) {
    return expect(
      await call('deploy workflow', 'POST', `${orchestrator}/api/workflows`, {
        name: WORKFLOW,
        definition,
        parameters,
      }),
      201,
    ).json;
  }
  return expect(
    await call('update workflow', 'PUT', `${orchestrator}/api/workflows/${existing.id}`, {
      definition,
      parameters,
    }),
    200,
  ).json;
}

async function createConnection(workflowId) {
  const existing = await call('get connection', 'GET', `${connectionStore}/api/connections/${CONNECTION}`);
  if (existing.status === 200) {
    expect(
      await call('delete old connection', 'DELETE', `${connectionStore}/api/connections/${CONNECTION}`),
      204,
    );
  }
  expect(
    await call('create connection', 'POST', `${connectionStore}/api/connections`, {
      name: CONNECTION,
      connectorId: 'http',
      displayName: 'Sample greeter API',
      authType: 'apiKey',
      parameters: { headerName: 'x-api-key' },
      secrets: { apiKey },
    }),
    201,
  );
  expect(
    await call('link connection', 'POST', `${connectionStore}/api/connections/${CONNECTION}/links`, {
      workflowId,
    }),
    200,
    201,
  );
}

function out(line) {
  process.stdout.write(`${line}\n`);
}

await waitForTarget();
const workflow = await deployWorkflow();
await createConnection(workflow.id);
const callback = expect(
  await call(
    'callback URL',
    'GET',
    `${orchestrator}/api/workflows/${workflow.id}/triggers/manual/callback-url`,
  ),
  200,
).json;

// trigger-ingestion learns about the workflow from Kafka; give it a moment after a first deploy.
let answer;
for (let attempt = 0; attempt < 50; attempt += 1) {
  answer = await call('call the workflow', 'POST', callback.value, { name: 'Patchbay' });
  if (answer.status !== 404) break;
  await delay(200);
}
expect(answer, 200);
const runId = answer.headers.get('x-ms-workflow-run-id') ?? answer.json?.runId;

out(`sample workflow '${WORKFLOW}' (id ${workflow.id}, version ${workflow.version}) deployed and called:`);
out(`  answer: ${JSON.stringify(answer.json)}`);
out(`  run history: curl -s ${orchestrator}/api/runs/${runId}`);
out('call it yourself:');
out(`  curl -s -X POST -H 'content-type: application/json' -d '{"name":"you"}' '${callback.value}'`);
