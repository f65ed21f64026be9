import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { Topics, type TriggerSubscriptionRequested } from '@patchbay/contracts';
import {
  DependencyUnavailableError,
  EventPublisher,
  withLogFields,
  type EventContext,
} from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import { heartbeatWhile } from '../messaging/heartbeat-while.js';
import { TriggerSubscriptionExecutor } from './trigger-subscription.executor.js';

/** Publishing the outcome failed (Kafka unavailable): retryable, so the transport retries the message. */
export class SubscriptionCompletionNotPublishedError extends DependencyUnavailableError {
  override readonly code = 'SUBSCRIPTION_COMPLETION_NOT_PUBLISHED';
}

/**
 * Kafka edge of webhook triggers: one `trigger.subscription.requested` in, one `trigger.subscription.completed`
 * out. The offset is committed after the completion is durable; a crash in between runs the call again with
 * the same idempotency key, and trigger-ingestion applies only the answer of the attempt it is waiting for.
 */
@Controller()
export class TriggerSubscriptionHandler {
  constructor(
    private readonly executor: TriggerSubscriptionExecutor,
    private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern<string>(Topics.triggerSubscriptionRequested)
  async handle(
    @Payload() request: TriggerSubscriptionRequested,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await withLogFields({ workflowId: request.workflowId, actionName: request.triggerName }, async () => {
      const completed = await heartbeatWhile(context, this.logger, () => this.executor.run(request));
      try {
        await this.publisher.publish(Topics.triggerSubscriptionCompleted, completed, {
          key: `${request.workflowId}/${request.triggerName}`,
          id: request.requestId,
        });
      } catch (error) {
        throw new SubscriptionCompletionNotPublishedError(
          `could not publish ${Topics.triggerSubscriptionCompleted} for request ${request.requestId}`,
          [],
          { cause: error },
        );
      }
    });
  }
}
