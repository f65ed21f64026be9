import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Consumer } from 'kafkajs';
import { pino } from 'pino';
import {
  decodeCloudEvent,
  ENVIRONMENT_ROUTED_TOPICS,
  environmentTopic,
  parseEventData,
  Topics,
} from '@patchbay/contracts';
import { startConnectionStore } from '@patchbay/connection-store';
import {
  connectorRuntimeEnvSchema,
  startConnectorRuntime,
  toConnectorRuntimeConfig,
} from '@patchbay/connector-runtime';
import type { EventPublisher } from '@patchbay/platform';
import {
  freePort,
  startGroupAtEnd,
  uniqueName,
  withKafkaAdmin,
  type Infrastructure,
} from '@patchbay/testkit';
import type { DecisionView } from '../persistence/decision-log.repository.js';
import { isolatedDatabase, type IsolatedDatabase } from '../test-support/isolated-database.js';
import { changeFeedTrigger, changeFeedDefinition, PollingSource } from '../test-support/polling-source.js';
import {
  announce,
  collectFired,
  kafkaOf,
  orchestratorPublisher,
  registered,
  resolveInfrastructure,
  retire,
  startService,
  waitFor,
  workflowChange,
  type FiredCollector,
  type RunningService,
} from '../test-support/trigger-ingestion.harness.js';

const urlOf = (app: NestFastifyApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

async function send(method: 'POST' | 'PATCH', url: string, body: unknown, expected: number): Promise<void> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, expected, `${method} ${url}: ${await response.text()}`);
}

/**
 * The poll timeout of the trigger-ingestion under test: its requests' deadline is this long after their
 * request time. Other tests' trigger-ingestion replicas on the same Kafka (in databases of their own) hear this
 * workflow too and poll it with their settings; this tells this service's requests from theirs.
 */
const OUR_POLL_TIMEOUT_MS = 77_777;

/**
 * Which Kafka topics carried this service's poll requests of one workflow: reads the default poll topic from
 * its end at start (earlier requests are not ours) and the environments' copies from their beginning.
 */
class PollRequestCollector {
  readonly seen: { topic: string; pollId: string }[] = [];
  private readonly next = new Map<string, bigint>();
  /** Where the default topic was read from: its high-water marks at start. */
  private readonly startAt = new Map<number, bigint>();
  private consumer?: Consumer;

  constructor(
    private readonly infra: Infrastructure,
    private readonly topics: readonly string[],
    private readonly workflowId: string,
  ) {}

  async start(): Promise<void> {
    const groupId = uniqueName('ti-poll-requests');
    const positions = await startGroupAtEnd(this.infra.kafkaBrokers, groupId, [Topics.triggerPollRequested]);
    for (const { partition, offset } of positions.get(Topics.triggerPollRequested) ?? [])
      this.startAt.set(partition, BigInt(offset));
    this.consumer = kafkaOf(this.infra).consumer({ groupId });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.next.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
        const data = parseEventData(
          Topics.triggerPollRequested,
          decodeCloudEvent(message.headers, message.value).data,
        );
        if (
          data.workflowId === this.workflowId &&
          Date.parse(data.deadline) - Date.parse(data.requestedAt) === OUR_POLL_TIMEOUT_MS
        )
          this.seen.push({ topic, pollId: data.pollId });
      },
    });
  }

  /** Waits until every request published so far has been read, so a test can say what was NOT sent. */
  async drain(): Promise<void> {
    const highs = await withKafkaAdmin(this.infra.kafkaBrokers, async (admin) =>
      Promise.all(
        this.topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
      ),
    );
    await waitFor(
      () =>
        highs.every(({ topic, offsets }) =>
          offsets.every(
            (o) =>
              BigInt(o.high) === BigInt(o.low) ||
              (this.next.get(`${topic}/${o.partition}`) ?? -1n) >= BigInt(o.high) ||
              // The default topic is read from its end at start: nothing was added to this partition since.
              (topic === Topics.triggerPollRequested &&
                (this.startAt.get(o.partition) ?? -1n) >= BigInt(o.high)),
          ),
        ),
      { timeoutMs: 30_000, description: 'poll request topics read up to their high-water marks' },
    );
  }

  on(topic: string): number {
    return this.seen.filter((s) => s.topic === topic).length;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/**
 * trigger-ingestion routes poll requests like the orchestrator routes action requests: a polling trigger on a
 * connection pinned to an execution environment is polled on that environment's topic, where only that
 * environment's connector-runtime runs it, and a re-pin (connection.changed) moves the next polls at once,
 * although the store grants an hour of caching. Real Kafka, Postgres and Vault; connection-store and two
 * connector-runtimes (environments A and B) in this process; databases of their own.
 */
describe('execution environments: trigger-ingestion routes polls to the pinned environment', () => {
  const suffix = randomUUID().slice(0, 8);
  const environments = { a: `ti-a-${suffix}`, b: `ti-b-${suffix}` };
  const pollTopic = (environment: string) => environmentTopic(Topics.triggerPollRequested, environment);
  const connectorId = `feed-${suffix}`;
  const connectionName = uniqueName('pinned-feed');
  const source = new PollingSource(2_000);
  const workflow = workflowChange([changeFeedTrigger(connectionName)]);
  let infra: Infrastructure;
  let database: IsolatedDatabase;
  let store: NestFastifyApplication;
  let storeUrl: string;
  let grpcUrl: string;
  const runtimes: NestFastifyApplication[] = [];
  let service: RunningService;
  let publisher: EventPublisher;
  let fired: FiredCollector;
  let requests: PollRequestCollector;

  async function startRuntime(environment: string): Promise<NestFastifyApplication> {
    const config = toConnectorRuntimeConfig(
      connectorRuntimeEnvSchema.parse({
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        KAFKA_CLIENT_ID: `ti-runtime-${environment}`,
        KAFKA_TOPIC_PARTITIONS: '3',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '2',
        CONNECTION_STORE_GRPC_URL: grpcUrl,
        PATCHBAY_HTTP_PORT: '0',
        PATCHBAY_CONNECTOR_TIMEOUT_MS: '10000',
        PATCHBAY_CONNECTOR_CATALOG_POLL_MS: '1000',
        PATCHBAY_EXECUTION_ENVIRONMENT: environment,
        // The polled source listens on loopback, which egress denies unless allowed.
        PATCHBAY_EGRESS_ALLOW: '127.0.0.0/8',
        LOG_LEVEL: 'warn',
      }),
    );
    const runtime = await startConnectorRuntime(config, pino({ level: 'warn' }));
    runtimes.push(runtime);
    return runtime;
  }

  async function history(): Promise<DecisionView[]> {
    const response = await fetch(
      `${service.baseUrl}/api/triggers/${workflow.workflowId}/changes/history?limit=1000`,
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { decisions: DecisionView[] }).decisions;
  }

  const firedIds = () => fired.of(workflow.workflowId).map((e) => (e.outputs.body as { id: string }).id);

  before(async () => {
    infra = await resolveInfrastructure();
    const sourcePort = await source.start();
    // Databases of their own: trigger-ingestion replicas of other tests on the same Kafka would otherwise
    // claim this trigger's polls too (and route them with their own settings).
    database = await isolatedDatabase(infra.databaseUrl);
    const grpcPort = await freePort();
    grpcUrl = `127.0.0.1:${grpcPort}`;
    store = await startConnectionStore(
      {
        logLevel: 'warn',
        httpPort: 0,
        grpcPort,
        databaseUrl: database.url,
        vault: { address: infra.vaultAddr, token: infra.vaultToken, requestTimeoutMs: 2_000 },
        // An hour: a re-pin that moves the polls at once can only have come through connection.changed.
        cacheTtlSeconds: 3_600,
        // Its outbox relay publishes connection.changed.
        kafkaBrokers: [...infra.kafkaBrokers],
      },
      pino({ level: 'silent' }),
    );
    storeUrl = urlOf(store);
    // Environment A's runtime gets the custom connector; B's, started after, loads it from their database.
    const runtimeA = await startRuntime(environments.a);
    await send(
      'POST',
      `${urlOf(runtimeA)}/api/connectors`,
      { definition: changeFeedDefinition(sourcePort), id: connectorId, version: '1.0.0' },
      201,
    );
    await startRuntime(environments.b);
    await send(
      'POST',
      `${storeUrl}/api/connections`,
      {
        name: connectionName,
        connectorId,
        authType: 'none',
        parameters: {},
        executionEnvironment: environments.a,
      },
      201,
    );
    await send(
      'POST',
      `${storeUrl}/api/connections/${connectionName}/links`,
      { workflowId: workflow.workflowId },
      201,
    );

    const kafka = kafkaOf(infra);
    fired = await collectFired(kafka, [workflow.workflowId]);
    requests = new PollRequestCollector(
      infra,
      [Topics.triggerPollRequested, pollTopic(environments.a), pollTopic(environments.b)],
      workflow.workflowId,
    );
    await requests.start();
    publisher = await orchestratorPublisher(kafka);
    service = await startService(infra, {
      DATABASE_URL: database.url,
      CONNECTION_STORE_GRPC_URL: grpcUrl,
      PATCHBAY_POLL_TIMEOUT_MS: String(OUR_POLL_TIMEOUT_MS),
      PATCHBAY_POLL_BACKOFF_MS: '200',
      PATCHBAY_SCHEDULE_TICK_MS: '100',
      PATCHBAY_CONSUMER_GROUP: uniqueName('ti-group'),
    });
  });

  after(async () => {
    await retire(publisher, workflow);
    await service?.close();
    await publisher?.disconnect();
    await fired?.stop();
    await requests?.stop();
    for (const runtime of runtimes) await runtime.close();
    await store?.close();
    await source.stop();
    await database?.drop();
    if (infra !== undefined)
      await withKafkaAdmin(infra.kafkaBrokers, (admin) =>
        admin.deleteTopics({
          topics: Object.values(environments).flatMap((environment) =>
            ENVIRONMENT_ROUTED_TOPICS.map((topic) => environmentTopic(topic, environment)),
          ),
        }),
      );
  });

  it("polls on the pinned environment's topic only, and follows a re-pin at once", async () => {
    const base = Date.now();
    source.add(
      { id: 'a1', ts: new Date(base).toISOString() },
      { id: 'a2', ts: new Date(base).toISOString() },
    );
    await announce(publisher, workflow);
    await registered(service, workflow);
    await waitFor(() => firedIds().length >= 2, {
      timeoutMs: 60_000,
      description: "the items polled by environment A's runtime fired",
    });
    await requests.drain();
    assert.ok(requests.on(pollTopic(environments.a)) >= 1, "polls travelled on environment A's topic");
    assert.equal(requests.on(Topics.triggerPollRequested), 0, 'no poll went to the default environment');
    assert.equal(requests.on(pollTopic(environments.b)), 0, 'no poll went to environment B');
    const errors = (await history()).filter((d) => d.outcome === 'error' || d.outcome === 'poll-postponed');
    assert.deepEqual(errors, [], 'no poll was refused or held back');

    // Re-pinned to B: connection.changed drops the cached environment, and the next polls go to B's topic.
    await send(
      'PATCH',
      `${storeUrl}/api/connections/${connectionName}`,
      { executionEnvironment: environments.b },
      200,
    );
    await waitFor(() => requests.on(pollTopic(environments.b)) >= 1, {
      timeoutMs: 60_000,
      description: "a poll on environment B's topic after the re-pin",
    });
    source.add({ id: 'b1', ts: new Date(Date.now()).toISOString() });
    await waitFor(() => firedIds().includes('b1'), {
      timeoutMs: 60_000,
      description: "the item polled by environment B's runtime fired",
    });
    await requests.drain();
    assert.equal(
      requests.on(Topics.triggerPollRequested),
      0,
      'still no poll went to the default environment',
    );
    await fired.drain();
    assert.deepEqual([...firedIds()].sort(), ['a1', 'a2', 'b1'], 'each item fired once');
  });
});
