import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '@patchbay/platform';
import { FiringGate } from '../concurrency/firing-gate.js';
import { Topics, type TriggerFired } from '@patchbay/contracts';
import { TriggerRegistry } from '../registry/trigger-registry.js';
import { TriggerSwitchRepository } from '../persistence/trigger-switch.repository.js';
import { DecisionLogRepository, type DecisionView } from '../persistence/decision-log.repository.js';
import { ScheduleRepository } from '../persistence/schedule.repository.js';
import { PollRepository } from '../persistence/poll.repository.js';
import { connectorTriggerKind } from '../polling/polling-trigger.js';
import { TriggerSwitchesRefresher } from './trigger-switches.refresher.js';
import { WebhookSubscriptionRepository } from '../persistence/webhook-subscription.repository.js';
import { isWebhookTrigger } from '../webhook-triggers/webhook-trigger.js';
import { subscriptionViews, type SubscriptionView } from '../webhook-triggers/subscription.view.js';

export interface TriggerStatusView {
  workflowId: string;
  triggerName: string;
  type: string;
  workflowState: string;
  enabled: boolean;
  nextFireAt: string | null;
  /** Polling triggers: the cursor of the last successful poll and how many polls in a row failed. */
  poll?: { cursor: unknown; failures: number; inFlight: boolean };
  /** Webhook triggers: the subscription meant to be active, and older ones still being (or lately) taken back. */
  subscriptions?: SubscriptionView[];
}

/** Switching single triggers on and off, firing one now, and reading its decision log. */
@Injectable()
export class TriggerAdminService {
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly switches: TriggerSwitchRepository,
    private readonly refresher: TriggerSwitchesRefresher,
    private readonly decisions: DecisionLogRepository,
    private readonly schedules: ScheduleRepository,
    private readonly polls: PollRepository,
    private readonly gate: FiringGate,
    private readonly webhookSubscriptions: WebhookSubscriptionRepository,
  ) {}

  async setEnabled(workflowId: string, triggerName: string, enabled: boolean): Promise<TriggerStatusView> {
    this.require(workflowId, triggerName);
    await this.switches.set(workflowId, triggerName, enabled);
    await this.decisions.append([
      { workflowId, triggerName, outcome: enabled ? 'enabled' : 'disabled', detail: {} },
    ]);
    await this.refresher.refresh();
    return this.status(workflowId, triggerName);
  }

  async status(workflowId: string, triggerName: string): Promise<TriggerStatusView> {
    const { workflow, trigger } = this.require(workflowId, triggerName);
    const disabled = (await this.switches.disabled()).some(
      (d) => d.workflowId === workflowId && d.triggerName === triggerName,
    );
    const schedule = await this.schedules.find(workflowId, triggerName);
    const poll = await this.polls.find(workflowId, triggerName);
    return {
      workflowId,
      triggerName,
      type: trigger.type,
      workflowState: workflow.state,
      enabled: !disabled,
      nextFireAt: (schedule?.nextFireAt ?? poll?.nextPollAt)?.toISOString() ?? null,
      ...(poll === undefined
        ? {}
        : {
            poll: {
              cursor: poll.cursor?.value ?? null,
              failures: poll.failures,
              inFlight: poll.inFlightPollId !== null,
            },
          }),
      ...(isWebhookTrigger(trigger)
        ? {
            subscriptions: subscriptionViews(
              await this.webhookSubscriptions.ofTrigger(workflowId, triggerName),
            ),
          }
        : {}),
    };
  }

  /**
   * Fires the trigger once, now ("run trigger now"). A polling trigger polls now instead (what it fires depends
   * on what the poll finds; see its history). Request triggers are fired by calling their URL.
   */
  async runNow(
    workflowId: string,
    triggerName: string,
  ): Promise<{ runId?: string; pollRequested?: boolean; subscribeRequested?: boolean }> {
    const { workflow, trigger } = this.require(workflowId, triggerName);
    if (trigger.type.toLowerCase() === 'request')
      throw new ValidationFailedError(
        `Trigger '${triggerName}' is a Request trigger; call its callback URL to fire it.`,
      );
    if (isWebhookTrigger(trigger)) {
      // A webhook trigger fires when its service calls back; "run now" retries a subscribe that is waiting.
      if (!(await this.webhookSubscriptions.retrySoon(workflowId, triggerName)))
        throw new ValidationFailedError(
          `Trigger '${triggerName}' is a webhook trigger with no subscribe waiting; it fires when its service calls the callback URL.`,
        );
      await this.decisions.append([
        { workflowId, triggerName, outcome: 'subscribe-requested-manually', detail: {} },
      ]);
      return { subscribeRequested: true };
    }
    if (connectorTriggerKind(trigger) === 'kafka')
      throw new ValidationFailedError(
        `Trigger '${triggerName}' is a Kafka trigger; it fires when a message arrives on its topic.`,
      );
    if (connectorTriggerKind(trigger) === 'poll') {
      if (!(await this.polls.pollSoon(workflowId, triggerName)))
        throw new ValidationFailedError(`Trigger '${triggerName}' cannot poll (see its history for why).`);
      await this.decisions.append([
        { workflowId, triggerName, outcome: 'poll-requested-manually', detail: {} },
      ]);
      return { pollRequested: true };
    }
    const runId = randomUUID();
    const now = new Date().toISOString();
    const event: TriggerFired = {
      runId,
      workflowId,
      workflowVersion: workflow.version,
      triggerName,
      firedAt: now,
      outputs: { headers: {}, scheduledTime: now },
      awaitsResponse: false,
    };
    const refused = await this.gate.fire([
      { topic: Topics.triggerFired, data: event, options: { key: runId, id: runId } },
    ]);
    if (refused.size > 0)
      throw new ValidationFailedError(
        `Trigger '${triggerName}' already has as many runs waiting as its maximumWaitingRuns allows.`,
      );
    await this.decisions.append([{ workflowId, triggerName, outcome: 'fired-manually', detail: { runId } }]);
    return { runId };
  }

  async history(workflowId: string, triggerName: string, limit: number): Promise<DecisionView[]> {
    return this.decisions.latest(workflowId, triggerName, limit);
  }

  private require(workflowId: string, triggerName: string) {
    const found = this.registry.trigger(workflowId, triggerName);
    if (found === undefined)
      throw new NotFoundError(`Workflow '${workflowId}' has no trigger named '${triggerName}'.`);
    return found;
  }
}
