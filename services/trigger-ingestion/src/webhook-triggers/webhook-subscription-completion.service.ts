import { Inject, Injectable } from '@nestjs/common';
import type { TriggerSubscriptionCompleted } from '@patchbay/contracts';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { WebhookSubscriptionRepository } from '../persistence/webhook-subscription.repository.js';
import { afterFailure, afterSuccess } from './subscription-outcomes.js';

/**
 * Applies the answer of one subscribe or unsubscribe, under the subscription's row lock and only when it
 * answers the call in flight (a late answer of a call given up after its lease is logged and dropped).
 */
@Injectable()
export class WebhookSubscriptionCompletionService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  async apply(completed: TriggerSubscriptionCompleted): Promise<void> {
    await this.subscriptions.complete(completed.subscriptionId, (row) => {
      if (row === undefined) return Promise.resolve({ decisions: [] });
      if (row.inFlight?.requestId !== completed.requestId)
        return Promise.resolve({
          decisions: [
            {
              workflowId: row.workflowId,
              triggerName: row.triggerName,
              outcome: 'subscription-answer-ignored',
              detail: {
                subscriptionId: row.id,
                requestId: completed.requestId,
                operation: completed.operation,
                status: completed.status,
                reason: 'not the call in flight (already applied, or given up after its lease)',
              },
            },
          ],
        });
      const now = new Date();
      const outcome =
        completed.status === 'Succeeded'
          ? afterSuccess(row, completed.operation, completed.outputs, now)
          : afterFailure(
              row,
              completed.operation,
              completed.error ?? {
                code: 'Unknown',
                message: 'the call failed without an error',
                retryable: true,
              },
              now,
              this.config,
            );
      return Promise.resolve({ update: outcome.update, decisions: [outcome.decision] });
    });
  }
}
