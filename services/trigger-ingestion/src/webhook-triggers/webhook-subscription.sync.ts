import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { WorkflowChanged } from '@patchbay/contracts';
import {
  WebhookSubscriptionRepository,
  type WantedSubscription,
} from '../persistence/webhook-subscription.repository.js';
import { isWebhookTrigger } from './webhook-trigger.js';

/**
 * Keeps webhook trigger subscriptions in step with `workflow.changed`: the webhook triggers of an enabled
 * workflow's current version are wanted; every other subscription of the workflow (an older version, a removed
 * trigger, the workflow disabled or deleted) is retired and unsubscribed by the worker. Idempotent, and a
 * replayed older change changes nothing.
 */
@Injectable()
export class WebhookSubscriptionSync {
  constructor(private readonly subscriptions: WebhookSubscriptionRepository) {}

  async apply(change: WorkflowChanged): Promise<void> {
    const wanted: WantedSubscription[] =
      change.state === 'Enabled'
        ? change.triggers.filter(isWebhookTrigger).map((spec) => ({
            id: randomUUID(),
            triggerName: spec.name,
            triggerType: spec.type,
            spec,
          }))
        : [];
    // Most workflows have no webhook trigger: nothing to record for them.
    if (wanted.length === 0 && !(await this.subscriptions.hasWanted(change.workflowId))) return;
    await this.subscriptions.applyChange(change, wanted);
  }
}
