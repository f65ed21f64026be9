import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type ActionCallback, type ActionCompleted, type TriggerFired } from '@patchbay/contracts';
import { RunCoordinator } from './run-coordinator.service.js';

/** Kafka edge of the orchestrator: validated events in (by the transport), one coordinator call each. */
@Controller()
export class RunEventsHandler {
  constructor(private readonly coordinator: RunCoordinator) {}

  @EventPattern(Topics.triggerFired)
  onTriggerFired(@Payload() event: TriggerFired): Promise<void> {
    return this.coordinator.startRun(event);
  }

  @EventPattern(Topics.actionCompleted)
  onActionCompleted(@Payload() event: ActionCompleted): Promise<void> {
    return this.coordinator.completeAction(event);
  }

  @EventPattern(Topics.actionCallback)
  onActionCallback(@Payload() event: ActionCallback): Promise<void> {
    return this.coordinator.receiveCallback(event);
  }
}
