// npm run check:secrets: the secrets canary, against the platform deploy/local runs (deploy/local/.env).
// A unique secret goes into a connection; a workflow uses it (some runs fail on purpose, one workflow is not
// linked). Then every API answer seen, the run history, a full Postgres dump, every Kafka topic and every
// service log are searched for the secret (as is, base64 and URL-encoded). The last line is
// `canary hits: <N>`; the exit code is 0 only when N is 0.
// `--leak-on-purpose` is the check's own control: the target then echoes the key into its answer (which the
// platform rightly keeps as the action's output), so N must come out above 0.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const run = promisify(execFile);
const leakOnPurpose = process.argv.includes('--leak-on-purpose');
const root = fileURLToPath(new URL('../../../', import.meta.url));
const envFile = process.env.PATCHBAY_ENV_FILE ?? join(root, 'deploy/local/.env');

function say(line) {
  process.stdout.write(`${line}\n`);
}

function readEnv(file) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run up first`);
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]] = match[2];
  }
  for (const name of [
    'PATCHBAY_ORCHESTRATOR_URL',
    'PATCHBAY_CONNECTION_STORE_URL',
    'DATABASE_URL',
    'KAFKA_BROKERS',
  ]) {
    if (!vars[name]) throw new Error(`${name} is missing from ${file}: are the services up (npm run up)?`);
  }
  return vars;
}

const env = readEnv(envFile);
const canary = `canary-${randomUUID()}`;
const needles = [
  canary,
  Buffer.from(canary).toString('base64'),
  Buffer.from(canary).toString('base64url'),
  encodeURIComponent(canary),
];
/** Everything that came back from an API, to be searched at the end. */
const answers = [];

async function call(step, method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new Error(`${step}: ${method} ${new URL(url).origin}: ${error.cause?.code ?? error.message}`);
  }
  const text = await response.text();
  answers.push({ step, text: `${JSON.stringify([...response.headers])}\n${text}` });
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

function expect(step, result, ...statuses) {
  if (!statuses.includes(result.status))
    throw new Error(`${step}: HTTP ${result.status} ${JSON.stringify(result.json)}`);
  return result.json;
}

function hits(text) {
  let count = 0;
  for (const needle of needles) count += text.split(needle).length - 1;
  return count;
}

/** The target system: accepts the canary API key; `/fail` answers 500 on purpose. Echoes the key only in the control run. */
async function startTarget() {
  const server = createServer((req, res) => {
    const authorized = req.headers['x-api-key'] === canary;
    if (!authorized)
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}');
    if (req.url?.startsWith('/fail'))
      return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(leakOnPurpose ? { ok: true, echo: req.headers['x-api-key'] } : { ok: true }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

function workflowDefinition(connectionName) {
  return {
    $schema:
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    parameters: { targetUrl: { type: 'String' } },
    triggers: {
      manual: {
        type: 'Request',
        kind: 'Http',
        inputs: { method: 'POST', schema: { type: 'object', properties: { path: { type: 'string' } } } },
      },
    },
    actions: {
      Call_target: {
        type: 'Http',
        runAfter: {},
        inputs: {
          method: 'GET',
          uri: "@{parameters('targetUrl')}/@{triggerBody()?['path']}",
          host: { connection: { name: connectionName } },
          retryPolicy: { type: 'none' },
        },
      },
    },
    outputs: {},
  };
}

async function deployWorkflow(name, connectionName, targetUrl) {
  const workflow = expect(
    `deploy workflow ${name}`,
    await call('deploy workflow', 'POST', `${env.PATCHBAY_ORCHESTRATOR_URL}/api/workflows`, {
      name,
      definition: workflowDefinition(connectionName),
      parameters: { targetUrl },
    }),
    201,
  );
  const callback = expect(
    'callback URL',
    await call(
      'callback URL',
      'GET',
      `${env.PATCHBAY_ORCHESTRATOR_URL}/api/workflows/${workflow.id}/triggers/manual/callback-url`,
    ),
    200,
  );
  return { id: workflow.id, callbackUrl: callback.value };
}

/** Calls a workflow; trigger-ingestion learns of a new workflow from Kafka, so a first 404 is retried. */
async function invoke(callbackUrl, path) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = await call(`invoke ${path}`, 'POST', callbackUrl, { path });
    if (answer.status !== 404) {
      expect(`invoke ${path}`, answer, 202);
      return answer.headers.get('x-ms-workflow-run-id') ?? answer.json?.runId;
    }
    await delay(100);
  }
  throw new Error('the workflow never became callable');
}

/** Waits until the run is finished and returns its history. */
async function runHistory(runId) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const run = await call('run history', 'GET', `${env.PATCHBAY_ORCHESTRATOR_URL}/api/runs/${runId}`);
    if (run.status === 200 && !['Running', 'Waiting'].includes(run.json?.status)) return run.json;
    await delay(100);
  }
  throw new Error(`run ${runId} did not finish`);
}

async function postgresDump() {
  const candidates = [
    'pg_dump',
    ...readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`),
  ];
  for (const bin of candidates) {
    try {
      const { stdout } = await run(bin, ['--dbname', env.DATABASE_URL, '--no-owner'], { maxBuffer: 1 << 30 });
      return stdout;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  throw new Error('pg_dump not found');
}

/** Every record of every topic, from the beginning up to the end offsets of now. */
async function kafkaRecords() {
  const kafka = new Kafka({
    clientId: 'check-secrets',
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
  const ends = new Map();
  let expected = 0;
  for (const topic of topics) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (Number(high) > Number(low)) {
        ends.set(`${topic}/${partition}`, Number(high));
        expected += 1;
      }
    }
  }
  await admin.disconnect();
  const texts = [];
  if (expected === 0) return { topics, texts };
  const consumer = kafka.consumer({ groupId: `check-secrets-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const done = new Set();
  await new Promise((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${v}`);
          texts.push(`${message.key ?? ''}\n${headers.join('\n')}\n${message.value ?? ''}`);
          const key = `${topic}/${partition}`;
          if (Number(message.offset) + 1 >= (ends.get(key) ?? 0)) done.add(key);
          if (done.size >= expected) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return { topics, texts };
}

const found = [];
function search(source, text) {
  const n = hits(text);
  if (n > 0) found.push({ source, n });
  return n;
}

const target = await startTarget();
try {
  const suffix = randomUUID().slice(0, 8);
  const connectionName = `canary-${suffix}`;
  say(`canary: a fresh secret (${canary.length} characters) in connection '${connectionName}'`);
  const linked = await deployWorkflow(`canary-linked-${suffix}`, connectionName, target.url);
  const unlinked = await deployWorkflow(`canary-unlinked-${suffix}`, connectionName, target.url);
  expect(
    'create connection',
    await call('create connection', 'POST', `${env.PATCHBAY_CONNECTION_STORE_URL}/api/connections`, {
      name: connectionName,
      connectorId: 'http',
      authType: 'apiKey',
      parameters: { headerName: 'x-api-key' },
      secrets: { apiKey: canary },
    }),
    201,
  );
  expect(
    'link',
    await call(
      'link',
      'POST',
      `${env.PATCHBAY_CONNECTION_STORE_URL}/api/connections/${connectionName}/links`,
      {
        workflowId: linked.id,
      },
    ),
    201,
  );

  const runs = [];
  for (const path of ['ok', 'ok', 'fail', 'ok', 'fail']) runs.push(await invoke(linked.callbackUrl, path));
  runs.push(await invoke(unlinked.callbackUrl, 'ok')); // denied: the workflow is not linked
  const statuses = [];
  for (const runId of runs) statuses.push((await runHistory(runId)).status);
  say(`runs: ${statuses.join(', ')} (the 'fail' calls and the unlinked workflow fail on purpose)`);
  // A run succeeds only if the target saw the canary key: proof that the secret was really used.
  const wanted = ['Succeeded', 'Succeeded', 'Failed', 'Succeeded', 'Failed', 'Failed'];
  if (statuses.join() !== wanted.join()) throw new Error(`expected runs ${wanted.join(', ')}`);

  for (const workflow of [linked, unlinked]) {
    await call(
      'runs of workflow',
      'GET',
      `${env.PATCHBAY_ORCHESTRATOR_URL}/api/workflows/${workflow.id}/runs`,
    );
    await call('workflow', 'GET', `${env.PATCHBAY_ORCHESTRATOR_URL}/api/workflows/${workflow.id}`);
  }
  await call('connection', 'GET', `${env.PATCHBAY_CONNECTION_STORE_URL}/api/connections/${connectionName}`);
  await call('connections', 'GET', `${env.PATCHBAY_CONNECTION_STORE_URL}/api/connections`);

  say(
    `api answers searched: ${answers.length}, hits ${search('API answers', answers.map((a) => a.text).join('\n'))}`,
  );
  const dump = await postgresDump();
  say(`postgres dump: ${dump.length} bytes, hits ${search('Postgres dump', dump)}`);
  const kafka = await kafkaRecords();
  say(
    `kafka: ${kafka.topics.length} topics, ${kafka.texts.length} records, hits ${search('Kafka', kafka.texts.join('\n'))}`,
  );
  const logDir = env.PATCHBAY_LOG_DIR ?? join(root, 'deploy/local/.state/logs');
  const logs = readdirSync(logDir).filter((f) => f.endsWith('.log'));
  let logHits = 0;
  for (const file of logs) logHits += search(`log ${file}`, readFileSync(join(logDir, file), 'utf8'));
  say(`logs: ${logs.length} files in ${logDir}, hits ${logHits}`);

  // Clean up what the canary created (its secret leaves Vault with the connection).
  await call(
    'delete connection',
    'DELETE',
    `${env.PATCHBAY_CONNECTION_STORE_URL}/api/connections/${connectionName}`,
  );
  for (const workflow of [linked, unlinked]) {
    await call('delete workflow', 'DELETE', `${env.PATCHBAY_ORCHESTRATOR_URL}/api/workflows/${workflow.id}`);
  }
} catch (error) {
  say(`check failed before it could count: ${error instanceof Error ? error.message : String(error)}`);
  target.server.close();
  process.exit(2);
}
target.server.close();
for (const { source, n } of found) say(`  ${n} in ${source}`);
const total = found.reduce((sum, f) => sum + f.n, 0);
say(`canary hits: ${total}`);
process.exit(total === 0 ? 0 : 1);
