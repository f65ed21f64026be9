import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type TriggerPollCompleted } from '@patchbay/contracts';
import { DependencyUnavailableError } from '@patchbay/platform';
import { PollCompletionService } from './poll-completion.service.js';

/** Applying a poll's answer failed (Postgres or Kafka unavailable): retried by the transport, in order. */
export class PollAnswerNotAppliedError extends DependencyUnavailableError {
  override readonly code = 'POLL_ANSWER_NOT_APPLIED';
}

/**
 * Kafka edge of poll answers (consumer group `trigger-ingestion`; any replica may take any answer, the state
 * is in Postgres). The offset is committed after the answer's runs are durable and its row committed.
 */
@Controller()
export class PollCompletedHandler {
  constructor(private readonly completion: PollCompletionService) {}

  @EventPattern<string>(Topics.triggerPollCompleted)
  async handle(@Payload() completed: TriggerPollCompleted): Promise<void> {
    try {
      await this.completion.apply(completed);
    } catch (error) {
      throw new PollAnswerNotAppliedError(`could not apply the answer of poll ${completed.pollId}`, [], {
        cause: error,
      });
    }
  }
}
