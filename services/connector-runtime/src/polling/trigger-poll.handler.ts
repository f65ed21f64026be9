import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { Topics, type TriggerPollRequested } from '@patchbay/contracts';
import { DependencyUnavailableError, EventPublisher, type EventContext } from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import { heartbeatWhile } from '../messaging/heartbeat-while.js';
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
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // A slow poll (a large SFTP listing, a paged API) heartbeats like an action, so it keeps its partition.
  @EventPattern<string>(Topics.triggerPollRequested)
  async handle(@Payload() request: TriggerPollRequested, @Ctx() context: EventContext): Promise<void> {
    const completed = await heartbeatWhile(context, this.logger, () => this.executor.poll(request));
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
