import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { pino } from 'pino';
import {
  decodeCloudEvent,
  parseEventData,
  Topics,
  type RunEvent,
  type TriggerFired,
  type WorkflowChanged,
} from '@patchbay/contracts';
import { EventPublisher } from '@patchbay/platform';
import {
  isolatedDatabase,
  resolveInfrastructure,
  startGroupAtEnd,
  uniqueName,
  waitFor,
  type Infrastructure,
  type IsolatedDatabase,
} from '@patchbay/testkit';
import { orchestratorEnvSchema } from '../config/orchestrator.config.js';
import { startOrchestrator, type RunningOrchestrator } from '../orchestrator.app.js';

const ORCHESTRATOR_TOPICS = [Topics.triggerFired, Topics.actionCompleted, Topics.actionCallback];

/** Every run event and workflow change published from now on (a consumer group placed at the topics' end). */
class EventLog {
  readonly runEvents: RunEvent[] = [];
  readonly workflowChanges: WorkflowChanged[] = [];
  private readonly consumer: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {
    this.consumer = kafka.consumer({ groupId });
  }

  async start(brokers: readonly string[]): Promise<void> {
    await startGroupAtEnd(brokers, this.groupId, [Topics.runEvent, Topics.workflowChanged]);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [Topics.runEvent, Topics.workflowChanged], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const data = decodeCloudEvent(message.headers, message.value).data;
        if (topic === Topics.runEvent) this.runEvents.push(parseEventData(Topics.runEvent, data));
        else this.workflowChanges.push(parseEventData(Topics.workflowChanged, data));
      },
    });
  }

  finished(runId: string): RunEvent[] {
    return this.runEvents.filter((e) => e.kind === 'run.finished' && e.runId === runId);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/**
 * Runs that never finish (a Wait of an hour stands for a callback that never comes): cancelled through the API
 * or by the maximum run duration, on a real orchestrator with its own database and consumer group. Either way the
 * run ends Cancelled and publishes run.finished, which is what frees a trigger's concurrency slot in
 * trigger-ingestion.
 */
describe('runs that never finish: cancel API and maximum run duration (real Kafka, Postgres)', () => {
  let infra: Infrastructure;
  let database: IsolatedDatabase;
  let orchestrator: RunningOrchestrator;
  let baseUrl: string;
  let publisher: EventPublisher;
  let events: EventLog;

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  async function deploy(definition: Record<string, unknown>, parameters: Record<string, unknown> = {}) {
    return call('POST', '/api/workflows', { name: uniqueName('wf'), definition, parameters });
  }

  async function fire(workflowId: string, triggerName = 'manual'): Promise<string> {
    const runId = randomUUID();
    const fired: TriggerFired = {
      runId,
      workflowId,
      workflowVersion: 1,
      triggerName,
      firedAt: new Date().toISOString(),
      outputs: { headers: {}, body: {} },
      awaitsResponse: false,
    };
    await publisher.publish(Topics.triggerFired, fired, { key: runId, id: runId });
    return runId;
  }

  const statusOf = async (runId: string) => {
    const answer = await call('GET', `/api/runs/${runId}`);
    return answer.status === 200 ? (answer.body as { status: string }).status : undefined;
  };

  before(async () => {
    infra = await resolveInfrastructure();
    database = await isolatedDatabase(infra.databaseUrl);
    const groupId = uniqueName('or-test');
    // The orchestrator's group starts after everything already on its topics: earlier tests' runs stay put.
    await startGroupAtEnd(infra.kafkaBrokers, groupId, ORCHESTRATOR_TOPICS);
    const config = orchestratorEnvSchema.parse({
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      DATABASE_URL: database.url,
      PATCHBAY_HTTP_PORT: '0',
      PATCHBAY_WEBHOOK_SIGNING_KEY: 'test-signing-key-0123456789',
      PATCHBAY_RUN_STATE_KEYS: randomBytes(32).toString('base64'),
      PATCHBAY_RUN_MAX_DURATION: 'PT4S',
      PATCHBAY_POLL_INTERVAL_MS: '200',
      LOG_LEVEL: 'warn',
    });
    orchestrator = await startOrchestrator(config, pino({ level: 'warn' }), groupId);
    baseUrl = `http://127.0.0.1:${(orchestrator.app.getHttpServer().address() as AddressInfo).port}`;
    const kafka = new Kafka({
      clientId: uniqueName('or-test'),
      brokers: [...infra.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    events = new EventLog(kafka, uniqueName('or-events'));
    await events.start(infra.kafkaBrokers);
    publisher = new EventPublisher(kafka, '/test/trigger-ingestion');
    await publisher.connect();
  });

  after(async () => {
    await orchestrator?.close();
    await publisher?.disconnect();
    await events?.stop();
    await database?.drop();
  });

  const neverEnding = {
    triggers: { manual: { type: 'Request', kind: 'Http' } },
    actions: { waitForever: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } } } },
  };

  it('cancels a run through the API and by the maximum duration, each publishing run.finished Cancelled', async () => {
    const deployed = await deploy(neverEnding);
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    const workflowId = (deployed.body as { id: string }).id;
    const byApi = await fire(workflowId);
    const byLimit = await fire(workflowId);
    for (const runId of [byApi, byLimit])
      await waitFor(async () => (await statusOf(runId)) === 'Running', {
        timeoutMs: 30_000,
        description: `run ${runId} started and waiting`,
      });

    const cancelled = await call('POST', `/api/runs/${byApi}/cancel`);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.deepEqual(cancelled.body, { id: byApi, status: 'Cancelled' });
    const run = (await call('GET', `/api/runs/${byApi}`)).body as {
      status: string;
      actions: Record<string, { status: string; error?: { message: string } }>;
    };
    assert.equal(run.status, 'Cancelled');
    assert.equal(run.actions.waitForever!.status, 'Cancelled');
    assert.match(run.actions.waitForever!.error!.message, /cancelled through the API/);

    const again = await call('POST', `/api/runs/${byApi}/cancel`);
    assert.equal(again.status, 409);
    assert.equal((again.body as { error: { code: string } }).error.code, 'RUN_ALREADY_ENDED');
    assert.equal((await call('POST', `/api/runs/${randomUUID()}/cancel`)).status, 404);
    assert.equal((await call('POST', '/api/runs/not-a-run-id/cancel')).status, 400);

    // The other run is left alone until the maximum duration (PT4S) is past; then the sweep cancels it.
    await waitFor(async () => (await statusOf(byLimit)) === 'Cancelled', {
      timeoutMs: 30_000,
      description: 'the run past PATCHBAY_RUN_MAX_DURATION cancelled',
    });
    const overdue = (await call('GET', `/api/runs/${byLimit}`)).body as {
      actions: Record<string, { status: string; error?: { message: string } }>;
    };
    assert.match(overdue.actions.waitForever!.error!.message, /PATCHBAY_RUN_MAX_DURATION/);

    await waitFor(() => events.finished(byApi).length > 0 && events.finished(byLimit).length > 0, {
      timeoutMs: 30_000,
      description: 'run.finished of both runs',
    });
    for (const runId of [byApi, byLimit])
      assert.deepEqual(
        events.finished(runId).map((e) => e.kind === 'run.finished' && [e.status, e.triggerName]),
        [['Cancelled', 'manual']],
        'one run.finished, Cancelled, naming the trigger whose slot it frees',
      );
  });

  it('announces the parameter values a trigger reads, and refuses a trigger that reads a secure one', async () => {
    const deployed = await deploy(
      {
        parameters: {
          zone: { type: 'String', defaultValue: 'UTC' },
          unused: { type: 'String', defaultValue: 'x' },
          apiKey: { type: 'SecureString' },
        },
        triggers: {
          schedule: {
            type: 'Recurrence',
            recurrence: { frequency: 'Day', interval: 1, timeZone: "@parameters('zone')" },
          },
        },
        actions: {},
      },
      { zone: 'W. Europe Standard Time', apiKey: 'not-sent-to-triggers' },
    );
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    const workflowId = (deployed.body as { id: string }).id;
    await waitFor(() => events.workflowChanges.some((c) => c.workflowId === workflowId), {
      timeoutMs: 30_000,
      description: 'workflow.changed of the deployed workflow',
    });
    const change = events.workflowChanges.find((c) => c.workflowId === workflowId)!;
    assert.deepEqual(change.triggers[0]!.parameters, { zone: 'W. Europe Standard Time' });
    assert.ok(!JSON.stringify(change).includes('not-sent-to-triggers'), 'no secure value on the topic');

    const leaky = await deploy({
      parameters: { apiKey: { type: 'SecureString' } },
      triggers: {
        poll: {
          type: 'ApiConnection',
          recurrence: { frequency: 'Minute', interval: 1 },
          inputs: {
            host: { connection: { name: 'feed' } },
            method: 'get',
            path: '/items',
            headers: { 'x-api-key': "@parameters('apiKey')" },
          },
        },
      },
      actions: {},
    });
    assert.equal(leaky.status, 400);
    const problems = (leaky.body as { error: { problems: { path: string; message: string }[] } }).error
      .problems;
    assert.deepEqual(
      problems.map((p) => p.path),
      ['body.definition.triggers.poll'],
    );
    assert.match(problems[0]!.message, /secure parameter 'apiKey'/);
  });
});
