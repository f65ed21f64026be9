import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import {
  decodeCloudEvent,
  parseEventData,
  Topics,
  type TriggerFired,
  type TriggerSpec,
  type WorkflowChanged,
} from '@patchbay/contracts';
import { EventPublisher } from '@patchbay/platform';
import { resolveInfrastructure, uniqueName, waitFor, type Infrastructure } from '@patchbay/testkit';
import {
  triggerIngestionEnvSchema,
  type TriggerIngestionConfig,
} from '../config/trigger-ingestion.config.js';
import { startTriggerIngestion, type RunningTriggerIngestion } from '../trigger-ingestion.app.js';
import { TriggerRegistry } from '../registry/trigger-registry.js';

export const SIGNING_KEY = 'test-signing-key-0123456789';

export interface RunningService extends RunningTriggerIngestion {
  baseUrl: string;
}

/** Starts a real trigger-ingestion in this process against the given Kafka and Postgres. */
export async function startService(
  infra: Infrastructure,
  overrides: Record<string, string> = {},
): Promise<RunningService> {
  const config: TriggerIngestionConfig = triggerIngestionEnvSchema.parse({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: infra.databaseUrl,
    PATCHBAY_HTTP_PORT: '0',
    PATCHBAY_WEBHOOK_SIGNING_KEY: SIGNING_KEY,
    PATCHBAY_RESPONSE_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'warn',
    ...overrides,
  });
  const running = await startTriggerIngestion(config, pino({ level: 'warn' }));
  const { port } = running.app.getHttpServer().address() as AddressInfo;
  return { ...running, baseUrl: `http://127.0.0.1:${port}` };
}

export function kafkaOf(infra: Infrastructure): Kafka {
  return new Kafka({
    clientId: uniqueName('ti-test'),
    brokers: [...infra.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
}

/** A workflow.changed announcement, as the orchestrator would publish it. */
export function workflowChange(
  triggers: (Partial<TriggerSpec> & { name: string; type: string })[],
  extra: Partial<WorkflowChanged> = {},
): WorkflowChanged {
  return {
    workflowId: randomUUID(),
    namespace: 'default',
    name: uniqueName('wf'),
    version: 1,
    state: 'Enabled',
    triggers: triggers.map((t) => ({ signatureKeyVersion: 0, ...t })),
    hasResponseAction: false,
    changedAt: new Date().toISOString(),
    ...extra,
  };
}

export async function announce(publisher: EventPublisher, change: WorkflowChanged): Promise<void> {
  await publisher.publish(Topics.workflowChanged, change, { key: change.workflowId });
}

/** A connected publisher of workflow.changed, standing in for the orchestrator. */
export async function orchestratorPublisher(kafka: Kafka): Promise<EventPublisher> {
  const publisher = new EventPublisher(kafka, '/test/orchestrator');
  await publisher.connect();
  return publisher;
}

/** `change` one second later, with `extra`: newer than the change it follows, as the orchestrator would send. */
export function later(change: WorkflowChanged, extra: Partial<WorkflowChanged>): WorkflowChanged {
  return { ...change, changedAt: new Date(Date.parse(change.changedAt) + 1_000).toISOString(), ...extra };
}

/**
 * Announces the workflow deleted, so services on the shared Kafka drop it (clean-up in `after`: a failure here
 * must not hide the test's own, so it is ignored).
 */
export async function retire(
  publisher: EventPublisher | undefined,
  change: WorkflowChanged | undefined,
  version = 9,
): Promise<void> {
  if (publisher === undefined || change === undefined) return;
  await announce(publisher, { ...change, version, state: 'Deleted' }).catch(() => undefined);
}

/** Waits until the service's registry knows this version of the workflow. */
export async function registered(service: RunningService, change: WorkflowChanged): Promise<void> {
  const registry = service.app.get(TriggerRegistry);
  await waitFor(
    () =>
      change.state === 'Deleted'
        ? registry.workflow(change.workflowId) === undefined
        : registry.workflow(change.workflowId)?.version === change.version,
    { timeoutMs: 20_000, description: `workflow ${change.workflowId} v${change.version} registered` },
  );
}

/** Collects every trigger.fired event of the given workflows, from the start of the topic. */
export class FiredCollector {
  readonly events: TriggerFired[] = [];
  private readonly consumer: Consumer;
  private readonly next = new Map<number, bigint>();

  constructor(
    private readonly kafka: Kafka,
    private readonly workflowIds: Set<string>,
    private readonly onEvent?: (event: TriggerFired, receivedAt: number) => void,
  ) {
    this.consumer = kafka.consumer({ groupId: uniqueName('ti-collector') });
  }

  /**
   * Waits until every event published so far (up to each partition's high-water mark now) has been seen, so a
   * test can assert that something was NOT published.
   */
  async drain(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(Topics.triggerFired);
    await admin.disconnect();
    await waitFor(
      () =>
        offsets.every(
          (o) => BigInt(o.high) === BigInt(o.low) || (this.next.get(o.partition) ?? 0n) >= BigInt(o.high),
        ),
      { timeoutMs: 30_000, description: 'trigger.fired consumed up to its high-water mark' },
    );
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.triggerFired, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.next.set(partition, BigInt(message.offset) + 1n);
        let data: TriggerFired;
        try {
          data = parseEventData(Topics.triggerFired, decodeCloudEvent(message.headers, message.value).data);
        } catch {
          return; // not ours to judge: the consumers dead-letter it
        }
        if (!this.workflowIds.has(data.workflowId)) return;
        this.events.push(data);
        this.onEvent?.(data, Date.now());
      },
    });
  }

  of(workflowId: string): TriggerFired[] {
    return this.events.filter((e) => e.workflowId === workflowId);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** A started collector of the trigger.fired events of these workflows. */
export async function collectFired(kafka: Kafka, workflowIds: Iterable<string>): Promise<FiredCollector> {
  const collector = new FiredCollector(kafka, new Set(workflowIds));
  await collector.start();
  return collector;
}

export { resolveInfrastructure, waitFor };
