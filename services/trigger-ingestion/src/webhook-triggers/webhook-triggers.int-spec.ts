import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { verifyCallback, type WorkflowChanged } from '@patchbay/contracts';
import type { EventPublisher } from '@patchbay/platform';
import { uniqueName, type Infrastructure } from '@patchbay/testkit';
import type { DecisionView } from '../persistence/decision-log.repository.js';
import type { TriggerStatusView } from '../lifecycle/trigger-admin.service.js';
import {
  announce,
  FiredCollector,
  kafkaOf,
  later,
  orchestratorPublisher,
  resolveInfrastructure,
  SIGNING_KEY,
  startService,
  waitFor,
  workflowChange,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';
import {
  linkedConnection,
  postJson,
  startConnectorStack,
  type ConnectorStack,
} from '../test-support/connector-stack.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';
import { WebhookService } from '../test-support/webhook-service.js';
import { UNSUBSCRIBE_ATTEMPTS } from './subscription-outcomes.js';

/** A custom connector whose one webhook trigger puts the callback URL into the body (`x-ms-notification-url`). */
function ticketsDefinition(port: number): Record<string, unknown> {
  return {
    swagger: '2.0',
    info: { title: 'Tickets', version: '1.0' },
    host: `127.0.0.1:${port}`,
    basePath: '/api',
    schemes: ['http'],
    consumes: ['application/json'],
    securityDefinitions: { basic: { type: 'basic' } },
    security: [{ basic: [] }],
    paths: {
      '/subscriptions': {
        post: {
          operationId: 'WhenTicketCreated',
          'x-ms-trigger': 'single',
          parameters: [
            {
              name: 'subscription',
              in: 'body',
              required: true,
              schema: {
                type: 'object',
                required: ['callbackUrl'],
                properties: {
                  events: { type: 'array', items: { type: 'string' } },
                  callbackUrl: {
                    type: 'string',
                    'x-ms-notification-url': true,
                    'x-ms-visibility': 'internal',
                  },
                },
              },
            },
          ],
          'x-ms-notification-content': { schema: { type: 'object' } },
          responses: { '201': { description: 'subscribed' } },
        },
      },
    },
  };
}

describe('webhook triggers: subscribe at the service, fire on callback, unsubscribe (real Kafka, Postgres, Vault)', () => {
  let infra: Infrastructure;
  let database: IsolatedDatabase;
  let stack: ConnectorStack;
  let service: RunningService;
  let publisher: EventPublisher;
  const collectors: FiredCollector[] = [];
  const remote = new WebhookService();
  const workflows: WorkflowChanged[] = [];
  const settings = {
    // Own group: this service sees every subscription answer (and no other service applies them).
    PATCHBAY_CONSUMER_GROUP: uniqueName('ti-webhooks'),
    PATCHBAY_POLL_BACKOFF_MS: '200',
    PATCHBAY_POLL_BACKOFF_MAX_MS: '1000',
    PATCHBAY_SCHEDULE_TICK_MS: '100',
  };

  const status = async (workflowId: string, trigger: string): Promise<TriggerStatusView> => {
    const response = await fetch(`${service.baseUrl}/api/triggers/${workflowId}/${trigger}`);
    assert.equal(response.status, 200);
    return (await response.json()) as TriggerStatusView;
  };
  const history = async (workflowId: string, trigger: string): Promise<DecisionView[]> => {
    const response = await fetch(
      `${service.baseUrl}/api/triggers/${workflowId}/${trigger}/history?limit=200`,
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { decisions: DecisionView[] }).decisions;
  };
  /** Calls about this service's callback URLs (other trigger-ingestions on the same Kafka may subscribe too). */
  const calls = (kind?: 'subscribe' | 'unsubscribe') =>
    remote.callsFor(`${service.baseUrl}/api/hooks/`, kind);
  const callsOf = (workflowId: string, kind?: 'subscribe' | 'unsubscribe') =>
    calls(kind).filter((c) => c.callbackUrl.includes(`/api/hooks/${workflowId}/`));
  /** Waits until the trigger's subscription of `version` is in `state`; a timeout shows the status and history. */
  const untilState = async (
    workflowId: string,
    trigger: string,
    version: number,
    state: string,
    description: string,
  ): Promise<void> => {
    try {
      await waitFor(
        async () =>
          (await status(workflowId, trigger)).subscriptions?.some(
            (s) => s.workflowVersion === version && s.state === state,
          ) === true,
        { timeoutMs: 30_000, description },
      );
    } catch (error) {
      const seen = {
        subscriptions: (await status(workflowId, trigger).catch(() => undefined))?.subscriptions,
        history: (await history(workflowId, trigger)).map((d) => [d.outcome, d.detail]),
      };
      throw new Error(`${(error as Error).message}; ${JSON.stringify(seen)}`, { cause: error });
    }
  };

  before(async () => {
    infra = await resolveInfrastructure();
    await remote.start();
    database = await isolatedDatabase(infra.databaseUrl);
    stack = await startConnectorStack(infra);
    publisher = await orchestratorPublisher(kafkaOf(infra));
    service = await startService({ ...infra, databaseUrl: database.url }, settings);
  });

  after(async () => {
    for (const workflow of workflows)
      await announce(publisher, later(workflow, { version: 99, state: 'Deleted' })).catch(() => undefined);
    await service?.close();
    await stack?.close();
    await publisher?.disconnect();
    for (const runs of collectors) await runs.stop().catch(() => undefined);
    await database?.drop();
    await remote.stop();
  });

  it('HttpWebhook: one subscribe with a valid callback URL, the callback fires runs, disabling unsubscribes once', async () => {
    const v1 = workflowChange([
      remote.httpWebhookTrigger('onOrders', {
        splitOn: "@triggerBody()?['orders']",
        body: { events: ['order.created'] },
      }),
    ]);
    workflows.push(v1);
    const wf = v1.workflowId;
    const runs = new FiredCollector(kafkaOf(infra), new Set([wf]));
    collectors.push(runs);
    await runs.start();
    await announce(publisher, v1);
    await untilState(wf, 'onOrders', 1, 'subscribed', 'the HttpWebhook trigger subscribed');
    const [subscribe] = callsOf(wf, 'subscribe');
    assert.equal(callsOf(wf, 'subscribe').length, 1);
    assert.deepEqual((subscribe!.body as { events: string[] }).events, ['order.created']);
    const callback = new URL(subscribe!.callbackUrl);
    assert.equal(callback.pathname, `/api/hooks/${wf}/triggers/onOrders/invoke`);
    assert.equal(
      verifyCallback(
        [SIGNING_KEY],
        wf,
        'onOrders',
        Number(callback.searchParams.get('sv')),
        callback.searchParams.get('sig')!,
      ),
      true,
    );

    // The service calls back: one run per order (splitOn), trigger outputs carry the body and the headers.
    const fired = await fetch(subscribe!.callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-event': 'order.created' },
      body: JSON.stringify({ orders: [{ id: 1 }, { id: 2 }] }),
    });
    assert.equal(fired.status, 202, await fired.clone().text());
    const answer = (await fired.json()) as { runs: { runId: string }[] };
    assert.equal(answer.runs.length, 2);
    await waitFor(() => runs.of(wf).length >= 2, { timeoutMs: 20_000, description: 'two runs fired' });
    // One run per item; the two runs have their own keys, so they may arrive from Kafka in either order.
    assert.deepEqual(
      runs
        .of(wf)
        .map((e) => e.outputs.body as { id: number })
        .sort((a, b) => a.id - b.id),
      [{ id: 1 }, { id: 2 }],
    );
    assert.equal(runs.of(wf)[0]!.outputs.headers?.['x-event'], 'order.created');
    assert.deepEqual(
      runs
        .of(wf)
        .map((e) => e.runId)
        .sort(),
      answer.runs.map((r) => r.runId).sort(),
    );
    // A forged signature is refused like a Request trigger's.
    const forged = new URL(subscribe!.callbackUrl);
    forged.searchParams.set('sig', 'forged');
    assert.equal((await fetch(forged, { method: 'POST', body: '{}' })).status, 401);

    // Disabled: exactly one unsubscribe, about the same callback URL; calls are refused from then on.
    const disabled = later(v1, { state: 'Disabled' });
    await announce(publisher, disabled);
    await untilState(wf, 'onOrders', 1, 'unsubscribed', 'the subscription taken back');
    assert.deepEqual(
      callsOf(wf).map((c) => [c.kind, c.callbackUrl]),
      [
        ['subscribe', subscribe!.callbackUrl],
        ['unsubscribe', subscribe!.callbackUrl],
      ],
    );
    assert.equal((await fetch(subscribe!.callbackUrl, { method: 'POST', body: '{}' })).status, 409);

    // Replaying older changes (every replica replays the topic at start) changes nothing; a new version
    // enabled subscribes again, once.
    await announce(publisher, v1);
    await announce(publisher, disabled);
    const v2 = later(disabled, { version: 2, state: 'Enabled' });
    await announce(publisher, v2);
    await untilState(wf, 'onOrders', 2, 'subscribed', 'version 2 subscribed');
    assert.equal(callsOf(wf, 'subscribe').length, 2);
    assert.equal(
      (await history(wf, 'onOrders')).filter((d) => d.outcome === 'subscribe-wanted').length,
      2,
      'the replayed version 1 was not wanted again',
    );

    // The callback URL's key rotated (same version): the old URL is taken back, the new one subscribed.
    const rotated = later(v2, { triggers: v2.triggers.map((t) => ({ ...t, signatureKeyVersion: 1 })) });
    await announce(publisher, rotated);
    await waitFor(() => callsOf(wf, 'subscribe').length >= 3, {
      timeoutMs: 30_000,
      description: 'the rotated callback URL subscribed',
    });
    const newUrl = new URL(callsOf(wf, 'subscribe')[2]!.callbackUrl);
    assert.equal(newUrl.searchParams.get('sv'), '1');
    assert.equal(verifyCallback([SIGNING_KEY], wf, 'onOrders', 1, newUrl.searchParams.get('sig')!), true);

    // Deleted: the subscription is taken back once.
    await announce(publisher, later(rotated, { state: 'Deleted' }));
    await waitFor(() => callsOf(wf, 'unsubscribe').length >= 3, {
      timeoutMs: 30_000,
      description: 'unsubscribed after the delete',
    });
    await waitFor(
      async () => (await history(wf, 'onOrders')).filter((d) => d.outcome === 'unsubscribed').length >= 3,
      { timeoutMs: 30_000, description: 'the last unsubscribe recorded' },
    );
    const sv = (c: { callbackUrl: string }) => new URL(c.callbackUrl).searchParams.get('sv');
    assert.deepEqual(
      callsOf(wf).map((c) => `${c.kind} sv=${sv(c)}`),
      [
        'subscribe sv=0',
        'unsubscribe sv=0',
        'subscribe sv=0',
        'unsubscribe sv=0',
        'subscribe sv=1',
        'unsubscribe sv=1',
      ],
    );
  });

  it('ApiConnectionWebhook: a custom connector from OpenAPI subscribes with its connection, fires, and is deleted', async () => {
    const connectorId = `tickets-${randomUUID().slice(0, 8)}`;
    const connectionName = uniqueName('tickets');
    await postJson(`${stack.runtimeUrl}/api/connectors`, {
      definition: ticketsDefinition(Number(new URL(remote.baseUrl).port)),
      id: connectorId,
      version: '1.0.0',
    });
    const v1 = workflowChange([
      {
        name: 'onTicket',
        type: 'ApiConnectionWebhook',
        inputs: {
          host: { connection: { name: connectionName } },
          method: 'post',
          path: '/subscriptions',
          body: { events: ['ticket.created'] },
        },
      },
    ]);
    workflows.push(v1);
    const wf = v1.workflowId;
    const password = `pw-${randomUUID()}`;
    await linkedConnection(stack, connectionName, connectorId, wf, { username: 'patchbay' }, { password });
    const runs = new FiredCollector(kafkaOf(infra), new Set([wf]));
    collectors.push(runs);
    await runs.start();
    await announce(publisher, v1);
    await untilState(wf, 'onTicket', 1, 'subscribed', 'the custom connector webhook subscribed');
    const subscribes = callsOf(wf, 'subscribe');
    assert.equal(subscribes.length, 1);
    // The connection's secret (from Vault) authenticated the call; the callback URL went where the definition says.
    assert.equal(
      subscribes[0]!.authorization,
      `Basic ${Buffer.from(`patchbay:${password}`).toString('base64')}`,
    );
    assert.deepEqual((subscribes[0]!.body as { events: string[] }).events, ['ticket.created']);
    const callbackUrl = subscribes[0]!.callbackUrl;
    assert.match(callbackUrl, new RegExp(`/api/hooks/${wf}/triggers/onTicket/invoke\\?sv=0&sig=`));

    const fired = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { id: 'T-1', title: 'Printer on fire' } }),
    });
    assert.equal(fired.status, 202, await fired.clone().text());
    await waitFor(() => runs.of(wf).length >= 1, { timeoutMs: 20_000, description: 'one run fired' });
    assert.deepEqual(runs.of(wf)[0]!.outputs.body, { ticket: { id: 'T-1', title: 'Printer on fire' } });

    // Deleted: the connector DELETEs the Location the subscribe answered, once.
    await announce(publisher, later(v1, { state: 'Deleted' }));
    await waitFor(async () => (await history(wf, 'onTicket')).some((d) => d.outcome === 'unsubscribed'), {
      timeoutMs: 30_000,
      description: 'the custom connector webhook unsubscribed',
    });
    assert.deepEqual(
      callsOf(wf).map((c) => [c.kind, c.callbackUrl]),
      [
        ['subscribe', callbackUrl],
        ['unsubscribe', callbackUrl],
      ],
    );
    assert.equal(
      callsOf(wf, 'unsubscribe')[0]!.authorization,
      `Basic ${Buffer.from(`patchbay:${password}`).toString('base64')}`,
    );
  });

  it('a failing subscribe is retried with back-off, and the API shows why the trigger is silent', async () => {
    remote.failSubscribes = 2;
    const v1 = workflowChange([remote.httpWebhookTrigger('onEvent', { unsubscribe: false })]);
    workflows.push(v1);
    const wf = v1.workflowId;
    await announce(publisher, v1);
    await waitFor(
      async () => (await status(wf, 'onEvent')).subscriptions?.some((s) => s.failures >= 1) === true,
      { timeoutMs: 30_000, description: 'the first subscribe failed' },
    );
    const failing = (await status(wf, 'onEvent')).subscriptions![0]!;
    assert.equal(failing.wanted, true);
    assert.equal(failing.state, 'pending');
    assert.equal(failing.lastError?.code, 'HttpStatus503');
    assert.equal(failing.lastError?.operation, 'subscribe');
    assert.notEqual(failing.lastErrorAt, null);
    assert.notEqual(failing.nextAttemptAt, null);

    await untilState(wf, 'onEvent', 1, 'subscribed', 'subscribed after two failures');
    const subscribed = (await status(wf, 'onEvent')).subscriptions![0]!;
    assert.equal(subscribed.failures, 0);
    assert.equal(subscribed.lastError, null);
    assert.equal(callsOf(wf, 'subscribe').length, 3);
    const outcomes = (await history(wf, 'onEvent')).map((d) => d.outcome).reverse();
    assert.deepEqual(
      outcomes.filter((o) => o.startsWith('subscribe') || o === 'subscribed'),
      [
        'subscribe-wanted',
        'subscribe-requested',
        'subscribe-failed',
        'subscribe-requested',
        'subscribe-failed',
        'subscribe-requested',
        'subscribed',
      ],
    );
    const failed = (await history(wf, 'onEvent')).find((d) => d.outcome === 'subscribe-failed')!;
    assert.equal((failed.detail['error'] as { code: string }).code, 'HttpStatus503');

    // No inputs.unsubscribe: disabling closes the subscription without a call, and says so.
    await announce(publisher, later(v1, { state: 'Disabled' }));
    await waitFor(
      async () => (await history(wf, 'onEvent')).some((d) => d.outcome === 'unsubscribe-skipped'),
      { timeoutMs: 30_000, description: 'the unsubscribe skipped' },
    );
    assert.equal(callsOf(wf, 'unsubscribe').length, 0);
  });
  it('a failing unsubscribe is retried a bounded number of times, then given up and shown', async () => {
    const v1 = workflowChange([remote.httpWebhookTrigger('onEvent')]);
    workflows.push(v1);
    const wf = v1.workflowId;
    await announce(publisher, v1);
    await untilState(wf, 'onEvent', 1, 'subscribed', 'subscribed');
    remote.failUnsubscribes = 100;
    try {
      await announce(publisher, later(v1, { state: 'Disabled' }));
      await untilState(wf, 'onEvent', 1, 'abandoned', 'unsubscribe given up');
    } finally {
      remote.failUnsubscribes = 0;
    }
    assert.equal(callsOf(wf, 'unsubscribe').length, UNSUBSCRIBE_ATTEMPTS);
    const [given] = (await status(wf, 'onEvent')).subscriptions!;
    assert.equal(given!.failures, UNSUBSCRIBE_ATTEMPTS);
    assert.equal(given!.lastError?.operation, 'unsubscribe');
    assert.equal(given!.lastError?.code, 'HttpStatus503');
    const outcomes = (await history(wf, 'onEvent')).map((d) => d.outcome);
    assert.equal(outcomes.filter((o) => o === 'unsubscribe-failed').length, UNSUBSCRIBE_ATTEMPTS - 1);
    assert.equal(outcomes.filter((o) => o === 'unsubscribe-abandoned').length, 1);
  });

  it('two replicas on one database: each subscription is made once and taken back once', async () => {
    // A second replica: same database and consumer group, the same public base URL for callbacks.
    const replica = await startService(
      { ...infra, databaseUrl: database.url },
      { ...settings, PATCHBAY_PUBLIC_BASE_URL: service.baseUrl },
    );
    try {
      const batch = Array.from({ length: 6 }, (_, i) =>
        workflowChange([remote.httpWebhookTrigger('onEvent', { body: { n: i } })]),
      );
      workflows.push(...batch);
      for (const change of batch) await announce(publisher, change);
      for (const change of batch)
        await untilState(change.workflowId, 'onEvent', 1, 'subscribed', 'subscribed');
      for (const change of batch) await announce(publisher, later(change, { state: 'Disabled' }));
      for (const change of batch)
        await untilState(change.workflowId, 'onEvent', 1, 'unsubscribed', 'unsubscribed');
      for (const change of batch)
        assert.deepEqual(
          callsOf(change.workflowId).map((c) => c.kind),
          ['subscribe', 'unsubscribe'],
          `workflow ${change.workflowId}`,
        );
      // Both replicas applied every change (they replay workflow.changed alike); one subscription row each.
      const claims = await Promise.all(
        batch.map(
          async (change) =>
            (await history(change.workflowId, 'onEvent')).filter((d) => d.outcome === 'subscribe-requested')
              .length,
        ),
      );
      assert.deepEqual(
        claims,
        batch.map(() => 1),
      );
    } finally {
      await replica.close();
    }
  });
});
