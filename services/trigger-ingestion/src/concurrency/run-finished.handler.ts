import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type RunEvent } from '@patchbay/contracts';
import { DependencyUnavailableError } from '@patchbay/platform';
import { FiringGate } from './firing-gate.js';

/** Freeing a slot failed (Postgres or Kafka unavailable): retried by the transport. */
export class SlotNotFreedError extends DependencyUnavailableError {
  override readonly code = 'RUN_SLOT_NOT_FREED';
}

/** Kafka edge of `run.event`: a `run.finished` frees its trigger's concurrency slot (group `trigger-ingestion`). */
@Controller()
export class RunFinishedHandler {
  constructor(private readonly gate: FiringGate) {}

  @EventPattern<string>(Topics.runEvent)
  async handle(@Payload() event: RunEvent): Promise<void> {
    if (event.kind !== 'run.finished' || event.triggerName === undefined) return;
    try {
      await this.gate.finished({ workflowId: event.workflowId, triggerName: event.triggerName }, event.runId);
    } catch (error) {
      throw new SlotNotFreedError(`could not free the slot of run ${event.runId}`, [], { cause: error });
    }
  }
}
