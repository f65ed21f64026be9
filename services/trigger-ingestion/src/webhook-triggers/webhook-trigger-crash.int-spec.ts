import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkflowChanged } from '@patchbay/contracts';
import type { EventPublisher } from '@patchbay/platform';
import { freePort, uniqueName, type Infrastructure } from '@patchbay/testkit';
import type { DecisionView } from '../persistence/decision-log.repository.js';
import type { TriggerStatusView } from '../lifecycle/trigger-admin.service.js';
import {
  announce,
  kafkaOf,
  later,
  orchestratorPublisher,
  resolveInfrastructure,
  retire,
  waitFor,
  workflowChange,
} from '../test-support/trigger-ingestion.harness.js';
import { startConnectorStack, type ConnectorStack } from '../test-support/connector-stack.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';
import { ServiceProcess } from '../test-support/service-process.js';
import { WebhookService } from '../test-support/webhook-service.js';

describe('webhook trigger subscriptions survive a SIGKILLed replica (real Kafka, Postgres, processes)', () => {
  let infra: Infrastructure;
  let database: IsolatedDatabase;
  let stack: ConnectorStack;
  let publisher: EventPublisher;
  const remote = new WebhookService();
  const replicas: ServiceProcess[] = [];
  let workflow: WorkflowChanged | undefined;

  before(async () => {
    infra = await resolveInfrastructure();
    await remote.start();
    database = await isolatedDatabase(infra.databaseUrl);
    stack = await startConnectorStack(infra);
    publisher = await orchestratorPublisher(kafkaOf(infra));
  });

  after(async () => {
    await retire(publisher, workflow, 99);
    for (const replica of replicas) await replica.stop();
    await stack?.close();
    await publisher?.disconnect();
    await database?.drop();
    await remote.stop();
  });

  it('a replica killed while its subscribe is in flight: the answer is applied by the next one, one subscribe in all', async () => {
    const group = uniqueName('ti-webhook-crash');
    // One public base URL for both replicas, as behind a load balancer: the callback URL does not change.
    const publicPort = await freePort();
    const replicaOf = (port: number) =>
      new ServiceProcess(
        { ...infra, databaseUrl: database.url },
        {
          PATCHBAY_HTTP_PORT: String(port),
          PATCHBAY_PUBLIC_BASE_URL: `http://127.0.0.1:${publicPort}`,
          PATCHBAY_CONSUMER_GROUP: group,
          PATCHBAY_SCHEDULE_TICK_MS: '100',
        },
      );
    const first = replicaOf(publicPort);
    replicas.push(first);
    remote.holdSubscribes = true;
    first.start();
    workflow = workflowChange([remote.httpWebhookTrigger('onEvent')]);
    const wf = workflow.workflowId;
    const prefix = `http://127.0.0.1:${publicPort}/api/hooks/${wf}/`;
    await announce(publisher, workflow);
    // (>= 1: another connector-runtime on this shared Kafka, e.g. another test's, may run the same request; it
    // carries the same idempotency key.)
    await waitFor(() => remote.callsFor(prefix, 'subscribe').length >= 1, {
      timeoutMs: 60_000,
      description: 'the subscribe reached the service (held there)',
    });

    // The replica dies with the call in flight; the service answers afterwards.
    await first.kill();
    remote.release();

    const secondPort = await freePort();
    const second = replicaOf(secondPort);
    replicas.push(second);
    second.start();
    const api = `http://127.0.0.1:${secondPort}/api/triggers/${wf}/onEvent`;
    const status = async (): Promise<TriggerStatusView | undefined> => {
      const response = await fetch(api).catch(() => undefined);
      return response?.status === 200 ? ((await response.json()) as TriggerStatusView) : undefined;
    };
    await waitFor(async () => (await status())?.subscriptions?.[0]?.state === 'subscribed', {
      timeoutMs: 90_000,
      description: 'the next replica applied the answer of the call in flight',
    });
    const history = async (): Promise<DecisionView[]> => {
      const response = await fetch(`${api}/history?limit=100`);
      return ((await response.json()) as { decisions: DecisionView[] }).decisions;
    };
    const outcomesAfter = (decisions: DecisionView[]) => decisions.map((d) => d.outcome);
    const outcomes = outcomesAfter(await history());
    assert.equal(outcomes.filter((o) => o === 'subscribe-requested').length, 1);
    assert.equal(outcomes.filter((o) => o === 'subscribe-timed-out').length, 0);
    // One subscribe request in all: every call the service saw carries its idempotency key.
    const keys = new Set(remote.callsFor(prefix, 'subscribe').map((c) => c.idempotencyKey));
    assert.deepEqual([...keys], [`${(await status())!.subscriptions![0]!.subscriptionId}/subscribe`]);

    // And the next replica takes it back once when the workflow is disabled.
    await announce(publisher, later(workflow, { state: 'Disabled' }));
    await waitFor(async () => (await status())?.subscriptions?.[0]?.state === 'unsubscribed', {
      timeoutMs: 30_000,
      description: 'unsubscribed after the disable',
    });
    const unsubscribes = new Set(remote.callsFor(prefix, 'unsubscribe').map((c) => c.idempotencyKey));
    assert.equal(unsubscribes.size, 1);
    assert.equal(outcomesAfter(await history()).filter((o) => o === 'unsubscribe-requested').length, 1);
  });
});
