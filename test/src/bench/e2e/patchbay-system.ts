import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { readEnvFile, uniqueName } from '@patchbay/testkit';
import { expectJson } from '../../support/http-json.js';
import { resolvePlatform, type Platform } from '../../support/platform.js';
import { callWhenKnown } from '../../support/webhook.js';
import type { BenchSystem, DeployedVariant, RunCount, Variant } from './bench-system.js';
import { REQUEST_BODY } from './bench-system.js';
import { postgresShare } from './postgres-processes.js';
import { withDescendants, type ProcSnapshot, type ProcessSelector } from './process-usage.js';

/** Every process deploy/local starts for Patchbay, by pid file name. */
const PATCHBAY_PROCESSES = [
  'trigger-ingestion',
  'orchestrator',
  'connector-runtime',
  'connection-store',
  'kafka',
  'vault',
] as const;

const DEFINITION_SCHEMA =
  'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** The bench workflow as WDL: Request -> Compose -> (Http ->) Response. */
export function benchDefinition(variant: Variant): Record<string, unknown> {
  const compute = {
    Compute_greeting: { type: 'Compose', runAfter: {}, inputs: "@concat('Hello, ', triggerBody()?['name'])" },
  };
  const respond = (after: string, greeting: string) => ({
    Respond: {
      type: 'Response',
      kind: 'Http',
      runAfter: { [after]: ['Succeeded'] },
      inputs: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: { greeting } },
    },
  });
  const actions =
    variant === 'http'
      ? {
          ...compute,
          Call_echo: {
            type: 'Http',
            runAfter: { Compute_greeting: ['Succeeded'] },
            inputs: {
              method: 'POST',
              uri: "@{parameters('echoUrl')}/echo",
              headers: { 'content-type': 'application/json' },
              body: { greeting: "@outputs('Compute_greeting')" },
            },
          },
          ...respond('Call_echo', "@body('Call_echo')?['greeting']"),
        }
      : { ...compute, ...respond('Compute_greeting', "@outputs('Compute_greeting')") };
  return {
    $schema: DEFINITION_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { echoUrl: { type: 'String', defaultValue: '' } },
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST' } } },
    actions,
  };
}

/**
 * Patchbay as deploy/local runs it (the four services, Kafka, Postgres, Vault). Workflows go through the
 * orchestrator's REST API; runs are counted in the orchestrator's run table.
 */
export class PatchbaySystem implements BenchSystem {
  readonly name = 'patchbay' as const;

  private constructor(
    private readonly platform: Platform,
    private readonly stateDir: string,
    private readonly db: pg.Client,
    private readonly benchBackendPid: number,
  ) {}

  static async connect(): Promise<PatchbaySystem> {
    const platform = await resolvePlatform();
    const env = (await readEnvFile(join(platform.repoRoot, 'deploy', 'local', '.env'))) ?? {};
    const databaseUrl = process.env['DATABASE_URL'] ?? env['DATABASE_URL'];
    if (databaseUrl === undefined) throw new Error('DATABASE_URL is neither set nor in deploy/local/.env');
    const stateDir =
      platform.stateDir ?? env['PATCHBAY_STATE_DIR'] ?? join(platform.repoRoot, 'deploy', 'local', '.state');
    const db = new pg.Client({ connectionString: databaseUrl, application_name: 'patchbay-bench' });
    await db.connect();
    const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return new PatchbaySystem(platform, stateDir, db, rows[0]?.pid ?? -1);
  }

  async deploy(variant: Variant, echoUrl: string): Promise<DeployedVariant> {
    const workflow = await expectJson<{ id: string }>(
      [201],
      'POST',
      `${this.platform.orchestratorUrl}/api/workflows`,
      {
        name: uniqueName(`bench-${variant}`),
        definition: benchDefinition(variant),
        parameters: { echoUrl },
      },
    );
    const callback = await expectJson<{ value: string }>(
      [200],
      'GET',
      `${this.platform.orchestratorUrl}/api/workflows/${workflow.id}/triggers/manual/callback-url`,
    );
    await callWhenKnown(callback.value, REQUEST_BODY);
    return { variant, url: callback.value, workflowId: workflow.id };
  }

  async countRuns(deployed: DeployedVariant): Promise<RunCount> {
    const { rows } = await this.db.query<RunCount>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'Succeeded')::int AS succeeded,
              count(*) FILTER (WHERE status NOT IN ('Succeeded', 'Failed', 'Cancelled', 'TimedOut'))::int AS unfinished
         FROM orchestrator.runs WHERE workflow_id = $1`,
      [deployed.workflowId],
    );
    return rows[0] ?? { total: 0, succeeded: 0, unfinished: 0 };
  }

  async processSelector(): Promise<ProcessSelector> {
    const roots: number[] = [];
    for (const name of PATCHBAY_PROCESSES) roots.push(await this.pidOf(name));
    const postmaster = await this.pidOf('postgres');
    const database = this.db.database ?? 'patchbay';
    const exclude = new Set([this.benchBackendPid]);
    return (all: readonly ProcSnapshot[]) => [
      ...withDescendants(all, roots),
      ...postgresShare(withDescendants(all, [postmaster]), database, exclude),
    ];
  }

  async close(): Promise<void> {
    await this.db.end();
  }

  private async pidOf(name: string): Promise<number> {
    const file = join(this.stateDir, 'pids', `${name}.pid`);
    const pid = Number((await readFile(file, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${file} holds no pid`);
    return pid;
  }
}
