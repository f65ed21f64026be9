import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type TriggerSubscriptionCompleted } from '@patchbay/contracts';
import { DependencyUnavailableError } from '@patchbay/platform';
import { WebhookSubscriptionCompletionService } from './webhook-subscription-completion.service.js';

/** Applying a subscription answer failed (Postgres unavailable): retried by the transport, in order. */
export class SubscriptionAnswerNotAppliedError extends DependencyUnavailableError {
  override readonly code = 'SUBSCRIPTION_ANSWER_NOT_APPLIED';
}

/**
 * Kafka edge of subscribe/unsubscribe answers (consumer group `PATCHBAY_CONSUMER_GROUP`; any replica may take
 * any answer, the state is in Postgres). The offset is committed after the row is.
 */
@Controller()
export class WebhookSubscriptionCompletedHandler {
  constructor(private readonly completion: WebhookSubscriptionCompletionService) {}

  @EventPattern<string>(Topics.triggerSubscriptionCompleted)
  async handle(@Payload() completed: TriggerSubscriptionCompleted): Promise<void> {
    try {
      await this.completion.apply(completed);
    } catch (error) {
      throw new SubscriptionAnswerNotAppliedError(
        `could not apply the answer of subscription request ${completed.requestId}`,
        [],
        { cause: error },
      );
    }
  }
}
