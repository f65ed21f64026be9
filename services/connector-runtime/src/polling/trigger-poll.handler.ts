import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type TriggerPollRequested } from '@patchbay/contracts';
import { DependencyUnavailableError, EventPublisher } from '@patchbay/platform';
import { PollExecutor } from './poll-executor.service.js';

/** Publishing the poll's result failed (Kafka unavailable): retryable, so the transport retries the message. */
export class PollCompletionNotPublishedError extends DependencyUnavailableError {
  override readonly code = 'POLL_COMPLETION_NOT_PUBLISHED';
}

/**
 * Kafka edge of polling triggers: one `trigger.poll.requested` in, one `trigger.poll.completed` out. The offset
 * is committed after the completion is durable; a crash in between polls again with the same cursor, which
 * trigger-ingestion's deduplication absorbs.
 */
@Controller()
export class TriggerPollHandler {
  constructor(
    private readonly executor: PollExecutor,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern<string>(Topics.triggerPollRequested)
  async handle(@Payload() request: TriggerPollRequested): Promise<void> {
    const completed = await this.executor.poll(request);
    try {
      await this.publisher.publish(Topics.triggerPollCompleted, completed, {
        key: `${request.workflowId}/${request.triggerName}`,
        id: request.pollId,
      });
    } catch (error) {
      throw new PollCompletionNotPublishedError(
        `could not publish ${Topics.triggerPollCompleted} for poll ${request.pollId}`,
        [],
        { cause: error },
      );
    }
  }
}
