import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { uniqueName, waitFor } from '@patchbay/testkit';
import { callWhenKnown } from '../../support/webhook.js';
import type { BenchSystem, DeployedVariant, RunCount, Variant } from './bench-system.js';
import { REQUEST_BODY } from './bench-system.js';
import { n8nWorkflow } from './n8n-workflow.js';
import { postgresShare } from './postgres-processes.js';
import { withDescendants, type ProcSnapshot, type ProcessSelector } from './process-usage.js';

const run = promisify(execFile);

/** The database n8n gets in the shared Postgres cluster; dropped and created afresh on every bench run. */
const N8N_DATABASE = 'n8n';
/** n8n ties its session cookie to the browser id it was issued for. */
const BROWSER_ID = 'patchbay-bench';

export interface N8nStartOptions {
  repoRoot: string;
  /** The cluster deploy/local runs (Patchbay's DATABASE_URL); n8n gets its own database in it. */
  databaseUrl: string;
  /** deploy/local's state dir: n8n's home folder and log go there, the Postgres pid file is read from it. */
  stateDir: string;
}

/**
 * n8n from the npm registry (deploy/bench/n8n-install.sh), started on loopback against Postgres with its
 * default execution saving (every execution kept) and telemetry off. Set up through its REST API: an owner
 * account, an API key, then workflows through the public API.
 */
export class N8nSystem implements BenchSystem {
  readonly name = 'n8n' as const;

  private constructor(
    private readonly child: ChildProcess,
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly stateDir: string,
    private readonly db: pg.Client,
    private readonly benchBackendPid: number,
  ) {}

  static async start(options: N8nStartOptions): Promise<N8nSystem> {
    const installer = join(options.repoRoot, 'deploy', 'bench', 'n8n-install.sh');
    const { stdout } = await run('bash', [installer], { maxBuffer: 16 * 1024 * 1024 });
    const installDir = stdout.trim().split('\n').at(-1) ?? '';
    const dbUrl = new URL(options.databaseUrl);
    await recreateDatabase(options.databaseUrl);

    const home = join(options.stateDir, 'n8n-bench');
    await rm(home, { recursive: true, force: true });
    await mkdir(home, { recursive: true });
    const logPath = join(options.stateDir, 'logs', 'n8n-bench.log');
    await mkdir(join(options.stateDir, 'logs'), { recursive: true });
    const log = await open(logPath, 'w');
    const port = await freePort();
    const child = spawn(process.execPath, [join(installDir, 'node_modules', 'n8n', 'bin', 'n8n'), 'start'], {
      cwd: home,
      stdio: ['ignore', log.fd, log.fd],
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: home,
        NODE_ENV: 'production',
        N8N_USER_FOLDER: home,
        N8N_ENCRYPTION_KEY: randomBytes(24).toString('base64url'),
        N8N_LISTEN_ADDRESS: '127.0.0.1',
        N8N_HOST: '127.0.0.1',
        N8N_PORT: String(port),
        N8N_PROTOCOL: 'http',
        N8N_SECURE_COOKIE: 'false',
        DB_TYPE: 'postgresdb',
        DB_POSTGRESDB_HOST: dbUrl.hostname,
        DB_POSTGRESDB_PORT: dbUrl.port || '5432',
        DB_POSTGRESDB_DATABASE: N8N_DATABASE,
        DB_POSTGRESDB_USER: decodeURIComponent(dbUrl.username) || 'postgres',
        DB_POSTGRESDB_PASSWORD: decodeURIComponent(dbUrl.password),
        // Telemetry and calls home off; everything about executions stays at n8n's defaults.
        N8N_DIAGNOSTICS_ENABLED: 'false',
        N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
        N8N_TEMPLATES_ENABLED: 'false',
        N8N_DYNAMIC_BANNERS_ENABLED: 'false',
        N8N_PERSONALIZATION_ENABLED: 'false',
      },
    });
    await log.close();
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode}`);
          const answer = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
          return answer.status === 200;
        },
        {
          timeoutMs: 180_000,
          intervalMs: 250,
          description: `n8n at ${baseUrl} to be ready (log: ${logPath})`,
        },
      );
      const apiKey = await createApiKey(baseUrl);
      const db = new pg.Client({ connectionString: databaseUrlFor(options.databaseUrl, N8N_DATABASE) });
      await db.connect();
      const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return new N8nSystem(child, baseUrl, apiKey, options.stateDir, db, rows[0]?.pid ?? -1);
    } catch (error) {
      child.kill('SIGKILL');
      const tail = (await readFile(logPath, 'utf8').catch(() => '')).split('\n').slice(-20).join('\n');
      throw new Error(
        `n8n did not start: ${error instanceof Error ? error.message : String(error)}\n${tail}`,
      );
    }
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async deploy(variant: Variant, echoUrl: string): Promise<DeployedVariant> {
    const name = uniqueName(`bench-${variant}`);
    const path = name;
    const created = await this.api<{ id: string }>(
      'POST',
      '/api/v1/workflows',
      n8nWorkflow(variant, name, path, echoUrl),
    );
    await this.api('POST', `/api/v1/workflows/${created.id}/activate`);
    const url = `${this.baseUrl}/webhook/${path}`;
    await callWhenKnown(url, REQUEST_BODY);
    return { variant, url, workflowId: created.id };
  }

  async countRuns(deployed: DeployedVariant): Promise<RunCount> {
    const { rows } = await this.db.query<RunCount>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'success')::int AS succeeded,
              count(*) FILTER (WHERE status IN ('new', 'running', 'waiting'))::int AS unfinished
         FROM execution_entity WHERE "workflowId" = $1`,
      [deployed.workflowId],
    );
    return rows[0] ?? { total: 0, succeeded: 0, unfinished: 0 };
  }

  async processSelector(): Promise<ProcessSelector> {
    const postmaster = Number((await readFile(join(this.stateDir, 'pids', 'postgres.pid'), 'utf8')).trim());
    const exclude = new Set([this.benchBackendPid]);
    return (all: readonly ProcSnapshot[]) => [
      ...withDescendants(all, [this.pid]),
      ...postgresShare(withDescendants(all, [postmaster]), N8N_DATABASE, exclude),
    ];
  }

  async close(): Promise<void> {
    await this.db.end().catch(() => undefined);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  private async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'x-n8n-api-key': this.apiKey, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`n8n ${method} ${path}: HTTP ${answer.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

/** Sets up n8n's owner account (random password, never shown) and creates an API key for the public API. */
async function createApiKey(baseUrl: string): Promise<string> {
  const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
    body: JSON.stringify({
      email: 'bench@patchbay.invalid',
      firstName: 'Patchbay',
      lastName: 'Bench',
      password: `Pb1-${randomBytes(18).toString('base64url')}`,
    }),
  });
  if (!setup.ok)
    throw new Error(`n8n owner setup: HTTP ${setup.status} ${(await setup.text()).slice(0, 300)}`);
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${baseUrl}/rest/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
    body: JSON.stringify({
      label: 'patchbay-bench',
      scopes: ['workflow:create', 'workflow:read', 'workflow:activate'],
      expiresAt: null,
    }),
  });
  if (!created.ok)
    throw new Error(`n8n API key: HTTP ${created.status} ${(await created.text()).slice(0, 300)}`);
  const { data } = (await created.json()) as { data: { rawApiKey: string } };
  return data.rawApiKey;
}

function databaseUrlFor(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrlFor(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${N8N_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${N8N_DATABASE}`);
  } finally {
    await admin.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
