import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Topics, type SubscriptionOperation, type TriggerSubscriptionRequested } from '@patchbay/contracts';
import { EnvironmentTopicRouter } from '@patchbay/connection-client';
import { EventPublisher, ReadinessRegistry, type OutgoingEvent } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import type { Decision } from '../persistence/decision-log.repository.js';
import {
  WebhookSubscriptionRepository,
  type SubscriptionUpdate,
  type WebhookSubscription,
} from '../persistence/webhook-subscription.repository.js';
import { ClaimLoop } from '../lifecycle/claim-loop.js';
import { connectionNameOf } from '../polling/polling-trigger.js';
import { LOGGER } from '../tokens.js';
import { CallbackUrlProvider } from './callback-url.provider.js';
import { afterFailure, closedWithoutCall, postponed } from './subscription-outcomes.js';
import { canUnsubscribe, evaluateSubscriptionInputs, SubscriptionInputsError } from './webhook-trigger.js';

const PRUNE_EVERY_MS = 3_600_000;
/** The readiness check the trigger registry registers: ready once it has replayed `workflow.changed`. */
const REGISTRY_CHECK = 'trigger-registry';

/**
 * Sends due subscribe and unsubscribe calls of webhook triggers to connector-runtime. Every replica runs this
 * loop; `SKIP LOCKED` claims share the work, and a claimed subscription gets a request id and a lease until the
 * call's deadline (plus a grace for the answer to travel): across replicas one call of a subscription is in
 * flight at a time, and a call whose answer never comes is made again after the lease. The loop starts only once
 * this replica has replayed `workflow.changed`, so a replay of old history never subscribes what a later change
 * took back. A call goes to the execution environment its connection is pinned to; when that cannot be told
 * now, the call waits for the base back-off (not counted as a failed attempt).
 */
@Injectable()
export class WebhookSubscriptionWorker extends ClaimLoop {
  private caughtUp = false;

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly publisher: EventPublisher,
    private readonly callbackUrls: CallbackUrlProvider,
    private readonly readiness: ReadinessRegistry,
    private readonly router: EnvironmentTopicRouter,
    @Inject(TRIGGER_INGESTION_CONFIG) config: TriggerIngestionConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('webhook subscription claim', config, logger, PRUNE_EVERY_MS);
  }

  protected claim(batch: number): Promise<number> {
    return this.subscriptions.claimDue(batch, (rows) => this.start(rows));
  }

  protected override async ready(): Promise<boolean> {
    if (this.caughtUp) return true;
    const report = await this.readiness.run();
    this.caughtUp = report.checks[REGISTRY_CHECK]?.ok === true;
    return this.caughtUp;
  }

  protected override async prune(): Promise<void> {
    const pruned = await this.subscriptions.pruneClosed();
    if (pruned > 0) this.logger.info({ pruned }, 'forgot closed webhook subscriptions past their retention');
  }

  /** Publishes a call per claimed subscription; returns the leases (or outcomes) to record. */
  async start(
    rows: WebhookSubscription[],
  ): Promise<{ updates: SubscriptionUpdate[]; decisions: Decision[] }> {
    const now = new Date();
    const events: OutgoingEvent<typeof Topics.triggerSubscriptionRequested>[] = [];
    const updates: SubscriptionUpdate[] = [];
    const decisions: Decision[] = [];
    for (const row of rows) {
      const ids = { workflowId: row.workflowId, triggerName: row.triggerName };
      if (row.inFlight !== null)
        decisions.push({
          ...ids,
          outcome: `${row.inFlight.operation}-timed-out`,
          detail: {
            subscriptionId: row.id,
            requestId: row.inFlight.requestId,
            reason: 'no answer from connector-runtime before the lease ran out',
          },
        });
      const operation: SubscriptionOperation = row.wanted ? 'subscribe' : 'unsubscribe';
      if (operation === 'unsubscribe' && (row.state !== 'subscribed' || !canUnsubscribe(row.spec))) {
        const outcome = closedWithoutCall(
          row,
          row.state !== 'subscribed'
            ? 'never subscribed'
            : 'the HttpWebhook trigger has no inputs.unsubscribe: the remote service keeps the callback URL',
        );
        updates.push(outcome.update);
        decisions.push(outcome.decision);
        continue;
      }
      const callbackUrl = this.callbackUrls.urlOf(
        row.workflowId,
        row.triggerName,
        row.spec.signatureKeyVersion,
      );
      if (callbackUrl === undefined) continue; // not listening yet: the next pass tries again
      let inputs: unknown;
      try {
        inputs = evaluateSubscriptionInputs(row.spec, callbackUrl, now);
      } catch (error) {
        if (!(error instanceof SubscriptionInputsError)) throw error;
        const outcome = afterFailure(
          row,
          operation,
          { code: error.code, message: error.message, retryable: true },
          now,
          this.config,
        );
        updates.push(outcome.update);
        decisions.push(outcome.decision);
        continue;
      }
      const connectionName = connectionNameOf(inputs);
      const route = await this.router.route(Topics.triggerSubscriptionRequested, connectionName);
      if (route.error !== undefined) {
        // Its environment cannot be told now: tried again later, never sent to a guessed environment.
        const outcome = postponed(row, operation, route.error, now, this.config);
        updates.push(outcome.update);
        decisions.push(outcome.decision);
        continue;
      }
      const requestId = randomUUID();
      const deadline = new Date(now.getTime() + this.config.PATCHBAY_POLL_TIMEOUT_MS);
      const request: TriggerSubscriptionRequested = {
        requestId,
        subscriptionId: row.id,
        workflowId: row.workflowId,
        workflowVersion: row.workflowVersion,
        triggerName: row.triggerName,
        triggerType: row.triggerType,
        operation,
        inputs,
        ...(connectionName === undefined ? {} : { connectionName }),
        callbackUrl,
        ...(operation === 'unsubscribe' ? { subscription: row.subscription ?? null } : {}),
        deadline: deadline.toISOString(),
        requestedAt: now.toISOString(),
      };
      events.push({
        topic: Topics.triggerSubscriptionRequested,
        data: request,
        options: {
          key: `${row.workflowId}/${row.triggerName}`,
          id: requestId,
          ...(route.destination === undefined ? {} : { destination: route.destination }),
        },
      });
      updates.push({
        id: row.id,
        state: row.state,
        failures: row.failures,
        nextAttemptAt: row.nextAttemptAt,
        // The answer may take a moment to travel after the deadline; only then is the call given up.
        inFlight: { requestId, operation, until: new Date(deadline.getTime() + 30_000) },
      });
      decisions.push({
        ...ids,
        outcome: `${operation}-requested`,
        detail: {
          subscriptionId: row.id,
          requestId,
          version: row.workflowVersion,
          attempt: row.failures + 1,
        },
      });
    }
    await this.publisher.publishAll(events);
    return { updates, decisions };
  }
}
