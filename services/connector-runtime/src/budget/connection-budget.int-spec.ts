import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ConnectorRegistry, defineAction, defineConnector, requireAction } from '@patchbay/connector-sdk';
import { DEFAULT_EXECUTION_ENVIRONMENT, type ActionRequested } from '@patchbay/contracts';
import { ensureSchema, typeormOptions } from '@patchbay/platform';
import { resolveInfrastructure, waitFor } from '@patchbay/testkit';
import type { ConnectionResolverClient } from '@patchbay/connection-client';
import {
  CONNECTOR_RUNTIME_MIGRATIONS,
  CONNECTOR_RUNTIME_SCHEMA,
} from '../custom-connectors/persistence/connector-runtime.schema.js';
import { ActionExecutor } from '../execution/action-executor.service.js';
import { ActionMetrics } from '../execution/action-metrics.js';
import type { ActionRouter } from '../execution/connector.js';
import { testGuard } from '../test-support/operation-harness.js';
import { ConnectionBudget, type Acquisition } from './connection-budget.js';

async function replica(databaseUrl: string): Promise<DataSource> {
  const dataSource = new DataSource(
    typeormOptions({
      url: databaseUrl,
      schema: CONNECTOR_RUNTIME_SCHEMA,
      entities: [],
      migrations: CONNECTOR_RUNTIME_MIGRATIONS,
      poolSize: 4,
    }),
  );
  await dataSource.initialize();
  return dataSource;
}

function granted(a: Acquisition): Extract<Acquisition, { granted: true }> {
  assert.ok(a.granted, `expected a grant, got ${JSON.stringify(a)}`);
  return a;
}

describe('connection budgets shared by two replicas on a real Postgres', () => {
  let one: DataSource;
  let two: DataSource;
  let a: ConnectionBudget;
  let b: ConnectionBudget;
  const guard = testGuard();

  before(async () => {
    const { databaseUrl } = await resolveInfrastructure();
    await ensureSchema(databaseUrl, CONNECTOR_RUNTIME_SCHEMA);
    one = await replica(databaseUrl);
    two = await replica(databaseUrl);
    a = new ConnectionBudget(one);
    b = new ConnectionBudget(two);
  });

  after(async () => {
    await one?.destroy();
    await two?.destroy();
    await guard.close();
  });

  it('concurrency: a third call waits while two are in flight on either replica', async () => {
    const id = randomUUID();
    const first = granted(await a.acquire(id, { concurrency: 2 }, 60_000));
    granted(await b.acquire(id, { concurrency: 2 }, 60_000));
    const third = await a.acquire(id, { concurrency: 2 }, 60_000);
    assert.equal(third.granted, false);
    assert.equal(third.granted === false && third.reason, 'concurrency');
    assert.equal(await b.inFlight(id), 2);
    await first.release();
    granted(await b.acquire(id, { concurrency: 2 }, 60_000));
  });

  it('concurrency: 12 contending calls over both replicas never exceed the limit', async () => {
    const id = randomUUID();
    let current = 0;
    let max = 0;
    let done = 0;
    const worker = async (budget: ConnectionBudget) => {
      for (;;) {
        const acquired = await budget.acquire(id, { concurrency: 3 }, 60_000);
        if (!acquired.granted) {
          await sleep(acquired.retryAfterMs);
          continue;
        }
        current += 1;
        max = Math.max(max, current);
        await sleep(5);
        current -= 1;
        await acquired.release();
        done += 1;
        return;
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => worker(i % 2 === 0 ? a : b)));
    assert.equal(done, 12);
    assert.ok(max <= 3, `at most 3 at once, saw ${max}`);
    assert.equal(await a.inFlight(id), 0);
  });

  it('rate: a bucket of 3 per minute grants 3 over both replicas, then names the wait for the next token', async () => {
    const id = randomUUID();
    granted(await a.acquire(id, { perMinute: 3 }, 60_000));
    granted(await b.acquire(id, { perMinute: 3 }, 60_000));
    granted(await a.acquire(id, { perMinute: 3 }, 60_000));
    const fourth = await b.acquire(id, { perMinute: 3 }, 60_000);
    assert.equal(fourth.granted, false);
    assert.ok(fourth.granted === false && fourth.reason === 'rate');
    // One token every 20 s: the wait is positive and at most that.
    assert.ok(fourth.granted === false && fourth.retryAfterMs > 0 && fourth.retryAfterMs <= 20_000);
  });

  it('a lease of a replica that died expires; a live one still counts', async () => {
    const id = randomUUID();
    await one.query(
      `INSERT INTO connection_leases (lease_id, connection_id, expires_at) VALUES ($1, $2, now() - interval '1 second')`,
      [randomUUID(), id],
    );
    const acquired = granted(await b.acquire(id, { concurrency: 1 }, 60_000));
    assert.equal((await a.acquire(id, { concurrency: 1 }, 60_000)).granted, false);
    await acquired.release();
  });

  it('the executor waits for the budget, then fails ConnectionThrottled (retryable) without calling the connector', async () => {
    let calls = 0;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const registry = new ConnectorRegistry();
    const connector = registry.register(
      defineConnector({
        id: 'slow',
        version: '1.0.0',
        kind: 'builtin',
        display: { name: 'Slow' },
        connection: 'required',
        connectionParameters: [],
        authTypes: [{ type: 'none' }],
        actions: [
          defineAction({
            kind: 'action',
            id: 'call',
            display: { summary: 'Call' },
            inputSchema: { type: 'object' },
            async execute() {
              calls += 1;
              await gate;
              return { body: { ok: true } };
            },
          }),
        ],
        triggers: [],
      }),
    );
    const router: ActionRouter = {
      actionType: 'Slow',
      route: () => ({ connector, action: requireAction(connector, 'call'), inputs: {} }),
    };
    const connectionId = randomUUID();
    const resolver = {
      resolve: async () => ({
        connectionId,
        connectionName: 'limited',
        connectorId: 'slow',
        authType: 'none',
        executionEnvironment: DEFAULT_EXECUTION_ENVIRONMENT,
        parameters: { concurrencyLimit: 1 },
        secrets: {},
      }),
      forget: () => undefined,
    } as unknown as ConnectionResolverClient;
    const executor = (budget: ConnectionBudget) =>
      new ActionExecutor(
        [router],
        resolver,
        new ActionMetrics(new Registry()),
        guard,
        { connectorTimeoutMs: 10_000, budget: { maxWaitMs: 300 } },
        pino({ level: 'silent' }),
        budget,
      );
    const request = (): ActionRequested => ({
      runId: randomUUID(),
      workflowId: randomUUID(),
      actionName: 'Call',
      attemptId: randomUUID(),
      idempotencyKey: randomUUID(),
      actionType: 'Slow',
      inputs: {},
      connectionName: 'limited',
      requestedAt: new Date().toISOString(),
    });
    const holding = executor(a).execute(request());
    // Bounded: an attempt refused before the connector (e.g. a wrong environment) must fail the test, not hang it.
    await waitFor(() => calls > 0, {
      timeoutMs: 10_000,
      description: 'the first attempt reaches the connector',
    });
    const throttled = await executor(b).execute(request());
    assert.equal(throttled.status, 'Failed');
    assert.equal(throttled.error?.code, 'ConnectionThrottled');
    assert.equal(throttled.error.retryable, true);
    assert.match(throttled.error.message, /'limited' allows 1 calls at once/);
    assert.equal(calls, 1, 'the throttled attempt never reached the connector');
    open();
    assert.equal((await holding).status, 'Succeeded');
    assert.equal((await executor(b).execute(request())).status, 'Succeeded');
    assert.equal(await a.inFlight(connectionId), 0, 'leases are released after each attempt');
  });
});
