// Real readiness checks for the local infrastructure, polled until a deadline:
//   node readiness.mjs kafka <brokers> [--timeout-ms=N] [--warm]
//     metadata via the kafkajs admin client; --warm also waits for the group and transaction
//     coordinators, which creates __consumer_offsets and __transaction_state before the first test needs them.
//   VAULT_TOKEN=... node readiness.mjs vault <addr> [--timeout-ms=N]   (token from the environment, not argv)
//   node readiness.mjs http <url> [--timeout-ms=N] [--pid=N]
//     the URL answers 200 (a service's /readyz); with --pid, gives up at once when that process has exited.
//     sys/health says initialized, unsealed and active; the token is valid; KV v2 is mounted at secret/
//     and Transit at transit/.
// Exit 0 when ready, 1 with the last error on stderr when the deadline passes.
import { setTimeout as delay } from 'node:timers/promises';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const [kind, ...rest] = process.argv.slice(2);
const flags = new Set(rest.filter((arg) => arg.startsWith('--') && !arg.includes('=')));
const pidArg = rest.find((arg) => arg.startsWith('--pid='));
const watchedPid = pidArg ? Number(pidArg.split('=')[1]) : undefined;
const timeoutArg = rest.find((arg) => arg.startsWith('--timeout-ms='));
const timeoutMs = timeoutArg ? Number(timeoutArg.split('=')[1]) : 60_000;
const args = rest.filter((arg) => !arg.startsWith('--'));
const deadline = Date.now() + timeoutMs;

/** Polls `check` until it resolves or the deadline passes; the interval is short because each try is cheap. */
async function poll(what, check) {
  let lastError;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      process.stderr.write(`${what} not ready after ${timeoutMs} ms: ${reason}\n`);
      process.exit(1);
    }
    await delay(200);
  }
}

async function kafkaReady(brokers) {
  const kafka = new Kafka({
    clientId: 'patchbay-readiness',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  await poll('kafka metadata', async () => {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no brokers in metadata');
    return cluster;
  });
  if (flags.has('--warm')) {
    await poll('kafka group coordinator', async () => {
      const { groups } = await admin.describeGroups(['patchbay-readiness']);
      if (groups[0]?.errorCode !== 0) throw new Error(`describeGroups error ${groups[0]?.errorCode}`);
    });
    const producer = kafka.producer({
      transactionalId: 'patchbay-readiness',
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 5 },
    });
    await poll('kafka transaction coordinator', () => producer.connect());
    await producer.disconnect();
  }
  await admin.disconnect();
}

async function vaultGet(addr, token, path) {
  const response = await fetch(`${addr}/v1/${path}`, {
    headers: { 'X-Vault-Token': token },
    signal: AbortSignal.timeout(2000),
  });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return response.json();
}

async function vaultReady(addr, token) {
  await poll('vault health', async () => {
    const health = await vaultGet(addr, token, 'sys/health');
    if (!health.initialized || health.sealed || health.standby) throw new Error(JSON.stringify(health));
  });
  await poll('vault token and mounts', async () => {
    await vaultGet(addr, token, 'auth/token/lookup-self');
    const mounts = await vaultGet(addr, token, 'sys/mounts');
    const secret = mounts.data?.['secret/'];
    if (secret?.type !== 'kv' || secret.options?.version !== '2') throw new Error('secret/ is not KV v2');
    if (mounts.data?.['transit/']?.type !== 'transit') throw new Error('transit/ is not mounted');
  });
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function httpReady(url) {
  await poll(url, async () => {
    if (watchedPid !== undefined && !processAlive(watchedPid)) {
      process.stderr.write(`process ${watchedPid} exited before ${url} answered\n`);
      process.exit(1);
    }
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  });
}

if (kind === 'kafka' && args[0]) {
  await kafkaReady(args[0]);
} else if (kind === 'vault' && args[0] && process.env.VAULT_TOKEN) {
  await vaultReady(args[0], process.env.VAULT_TOKEN);
} else if (kind === 'http' && args[0]) {
  await httpReady(args[0]);
} else {
  process.stderr.write(
    'usage: readiness.mjs kafka <brokers> [--warm] | vault <addr> (VAULT_TOKEN set) | http <url> [--pid=N]' +
      ' [--timeout-ms=N]\n',
  );
  process.exit(2);
}
