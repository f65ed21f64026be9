import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { EgressPolicy, egressRulesOf } from '@patchbay/egress';
import type { TriggerSpec, WorkflowChanged } from '@patchbay/contracts';
import { FiringGate } from '../concurrency/firing-gate.js';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { ConnectionResolutionError, ConnectionResolverClient } from '@patchbay/connection-client';
import { TriggerSwitches } from '../lifecycle/trigger-switches.js';
import { DecisionLogRepository } from '../persistence/decision-log.repository.js';
import { KafkaBatchRepository } from '../persistence/kafka-batch.repository.js';
import { backoffMs } from '../polling/poll-backoff.js';
import {
  connectionNameOf,
  connectorTriggerKind,
  evaluateTriggerInputs,
  TriggerInputsError,
} from '../polling/polling-trigger.js';
import { TriggerRegistry } from '../registry/trigger-registry.js';
import { LOGGER } from '../tokens.js';
import { BrokerEgress, KafkaBrokerEgressError } from './broker-egress.js';
import { KafkaSubscription } from './kafka-subscription.js';
import {
  kafkaConnectionSettings,
  kafkaTriggerParameters,
  KafkaTriggerConfigError,
} from './kafka-trigger.parameters.js';

const RECONCILE_MS = 1_000;

interface Entry {
  /** Workflow version and trigger definition the subscription was made for. */
  signature: string;
  subscription?: KafkaSubscription;
  starting?: Promise<void>;
  failures: number;
  retryAt: number;
}

/**
 * Runs this replica's consumers of Kafka triggers (ServiceProvider `/serviceProviders/kafka`): one per enabled
 * trigger, in the consumer group the trigger names on the user's Kafka, so the replicas share its partitions.
 * Every second it compares what runs with the registry and the trigger switches: new or changed triggers are
 * (re)subscribed, disabled and deleted ones stopped, and failed ones retried with back-off (each failure is
 * written to the trigger's decision log).
 */
@Injectable()
export class KafkaTriggerManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly resolver?: ConnectionResolverClient;
  private readonly egress: BrokerEgress;
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly registry: TriggerRegistry,
    private readonly switches: TriggerSwitches,
    private readonly gate: FiringGate,
    private readonly decisions: DecisionLogRepository,
    private readonly batches: KafkaBatchRepository,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.egress = new BrokerEgress(new EgressPolicy(egressRulesOf(config)));
    if (config.CONNECTION_STORE_GRPC_URL !== undefined)
      this.resolver = new ConnectionResolverClient({
        target: config.CONNECTION_STORE_GRPC_URL,
        timeoutMs: config.CONNECTION_STORE_TIMEOUT_MS,
      });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.reconciling ??= this.reconcile()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'kafka trigger reconcile failed'))
        .finally(() => (this.reconciling = undefined));
    }, RECONCILE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.reconciling;
    await Promise.all([...this.entries.keys()].map((key) => this.stop(key)));
    this.resolver?.close();
  }

  /** Brings the running consumers in line with the registry and the switches. */
  async reconcile(): Promise<void> {
    const wanted = new Map<string, { workflow: WorkflowChanged; trigger: TriggerSpec }>();
    for (const workflow of this.registry.all()) {
      if (workflow.state !== 'Enabled') continue;
      for (const trigger of workflow.triggers)
        if (
          connectorTriggerKind(trigger) === 'kafka' &&
          this.switches.isEnabled(workflow.workflowId, trigger.name)
        )
          wanted.set(`${workflow.workflowId}/${trigger.name}`, { workflow, trigger });
    }
    for (const [key, entry] of this.entries) {
      const want = wanted.get(key);
      if (want === undefined || entry.signature !== signatureOf(want.workflow, want.trigger))
        await this.stop(key);
    }
    for (const [key, { workflow, trigger }] of wanted) {
      if (this.stopped) return;
      const entry = this.entries.get(key) ?? {
        signature: signatureOf(workflow, trigger),
        failures: 0,
        retryAt: 0,
      };
      this.entries.set(key, entry);
      if (entry.subscription !== undefined || entry.starting !== undefined || Date.now() < entry.retryAt)
        continue;
      entry.starting = this.start(entry, workflow, trigger).finally(() => (entry.starting = undefined));
      await entry.starting;
    }
  }

  private async start(entry: Entry, workflow: WorkflowChanged, trigger: TriggerSpec): Promise<void> {
    const ids = { workflowId: workflow.workflowId, triggerName: trigger.name };
    try {
      const inputs = evaluateTriggerInputs(trigger, new Date());
      const parameters = kafkaTriggerParameters(inputs);
      const connectionName = connectionNameOf(inputs);
      if (connectionName === undefined)
        throw new KafkaTriggerConfigError('inputs.serviceProviderConfiguration.connectionName is required');
      if (this.resolver === undefined)
        throw new KafkaTriggerConfigError(
          'CONNECTION_STORE_GRPC_URL is not set: Kafka triggers cannot resolve connections',
        );
      const connection = kafkaConnectionSettings(
        // The linked-workflow check applies as for actions: the trigger name stands for the action.
        await this.resolver.resolve(
          {
            connectionName,
            workflowId: workflow.workflowId,
            runId: `trigger:${workflow.workflowId}`,
            actionName: trigger.name,
          },
          new Date(Date.now() + this.config.CONNECTION_STORE_TIMEOUT_MS),
        ),
      );
      // The egress rules before any socket: a refused broker is named in the decision log, nothing connects.
      await this.egress.checkAll(workflow.namespace, connection.brokers);
      const subscription = new KafkaSubscription(workflow, trigger, parameters, connection, {
        fire: (events) => this.gate.fire(events),
        decisions: this.decisions,
        batches: this.batches,
        logger: this.logger,
        onCrash: (error) => void this.crashed(entry, ids, error),
        checkBroker: (host, port) => this.egress.check(workflow.namespace, host, port),
      });
      await subscription.start();
      entry.subscription = subscription;
      entry.failures = 0;
      await this.decisions.append([
        {
          ...ids,
          outcome: 'subscribed',
          detail: { topic: parameters.topic, consumerGroup: subscription.groupId, version: workflow.version },
        },
      ]);
    } catch (error) {
      await this.failed(entry, ids, error);
    }
  }

  private async crashed(
    entry: Entry,
    ids: { workflowId: string; triggerName: string },
    error: unknown,
  ): Promise<void> {
    const subscription = entry.subscription;
    entry.subscription = undefined;
    await subscription?.stop().catch(() => undefined);
    await this.failed(entry, ids, subscription?.egressRefusal ?? error);
  }

  private async failed(
    entry: Entry,
    ids: { workflowId: string; triggerName: string },
    error: unknown,
  ): Promise<void> {
    entry.failures += 1;
    const waitMs = backoffMs(this.config, entry.failures);
    entry.retryAt = Date.now() + waitMs;
    const known =
      error instanceof KafkaTriggerConfigError ||
      error instanceof TriggerInputsError ||
      error instanceof ConnectionResolutionError;
    const code =
      error instanceof ConnectionResolutionError || error instanceof KafkaBrokerEgressError
        ? error.code
        : known
          ? 'InvalidKafkaTrigger'
          : 'KafkaUnavailable';
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { ...ids, code, message, failures: entry.failures },
      'kafka trigger subscription failed',
    );
    await this.decisions
      .append([
        {
          ...ids,
          outcome: 'error',
          detail: {
            error: { code, message },
            failures: entry.failures,
            retryAt: new Date(entry.retryAt).toISOString(),
          },
        },
      ])
      .catch((e: unknown) => this.logger.warn({ err: e }, 'could not log a kafka trigger failure'));
  }

  private async stop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    await entry?.starting;
    await entry?.subscription
      ?.stop()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'kafka trigger stop failed'));
  }
}

function signatureOf(workflow: WorkflowChanged, trigger: TriggerSpec): string {
  return `${workflow.version}:${JSON.stringify(trigger)}`;
}
