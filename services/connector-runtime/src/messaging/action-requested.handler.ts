import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { Topics, type ActionRequested } from '@patchbay/contracts';
import {
  DependencyUnavailableError,
  EventPublisher,
  withLogFields,
  type EventContext,
} from '@patchbay/platform';
import { LOGGER } from '../config/logger.token.js';
import { ActionExecutor } from '../execution/action-executor.service.js';
import { heartbeatWhile } from './heartbeat-while.js';

/** Publishing the result failed (Kafka unavailable): retryable, so the transport retries the message. */
export class CompletionNotPublishedError extends DependencyUnavailableError {
  override readonly code = 'ACTION_COMPLETION_NOT_PUBLISHED';
}

/**
 * Kafka edge: one `action.requested` in, one `action.completed` out, keyed by run id. The offset is
 * committed after the publish resolved, so a crash in between re-executes the attempt; the orchestrator
 * drops the duplicate completion by attempt id (and targets may drop the call by Idempotency-Key).
 */
@Controller()
export class ActionRequestedHandler {
  constructor(
    private readonly executor: ActionExecutor,
    private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // `<string>` selects the plain MethodDecorator overload: the typed one would not allow an EventContext parameter.
  @EventPattern<string>(Topics.actionRequested)
  async handle(@Payload() request: ActionRequested, @Ctx() context: EventContext): Promise<void> {
    await withLogFields(
      { runId: request.runId, workflowId: request.workflowId, actionName: request.actionName },
      async () => {
        const completed = await heartbeatWhile(context, this.logger, () => this.executor.execute(request));
        try {
          // A stable CloudEvents id: re-publishing the same attempt's completion is recognisable as such.
          await this.publisher.publish(Topics.actionCompleted, completed, {
            key: request.runId,
            id: `${request.runId}/${request.attemptId}`,
          });
        } catch (error) {
          throw new CompletionNotPublishedError(
            `could not publish ${Topics.actionCompleted} for attempt ${request.attemptId}`,
            [],
            { cause: error },
          );
        }
      },
    );
  }
}
