import { Injectable } from '@nestjs/common';
import type { WorkflowChanged } from '@patchbay/contracts';
import { ScheduleRepository, type ScheduleRow } from '../persistence/schedule.repository.js';
import { DecisionLogRepository } from '../persistence/decision-log.repository.js';
import { withEvaluatedRecurrence } from '../firing/trigger-expressions.js';
import { firstOccurrence, SCHEDULE_TYPES } from './schedule-planner.js';

/**
 * Keeps the schedule table in step with `workflow.changed`. Every replica applies every change; the upsert is
 * idempotent and never lets an older version overwrite a newer one, so replaying the topic is harmless.
 */
@Injectable()
export class ScheduleSync {
  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly decisions: DecisionLogRepository,
  ) {}

  async apply(change: WorkflowChanged, now = new Date()): Promise<void> {
    if (change.state === 'Deleted') {
      await this.schedules.removeOthers(change.workflowId, 2_147_483_647, []);
      return;
    }
    const rows: ScheduleRow[] = [];
    for (const announced of change.triggers) {
      if (!SCHEDULE_TYPES.has(announced.type.toLowerCase())) continue;
      const { spec: trigger, problem } = withEvaluatedRecurrence(announced);
      const first =
        problem === undefined
          ? firstOccurrence(trigger.type, trigger.recurrence, now)
          : { next: null, problem };
      if (first.problem !== undefined) {
        await this.decisions.append([
          {
            workflowId: change.workflowId,
            triggerName: trigger.name,
            outcome: 'invalid',
            detail: { version: change.version, problem: first.problem },
          },
        ]);
      }
      rows.push({
        workflowId: change.workflowId,
        triggerName: trigger.name,
        workflowVersion: change.version,
        triggerType: trigger.type,
        spec: trigger,
        anchor: now,
        nextFireAt: first.next,
        workflowEnabled: change.state === 'Enabled',
      });
    }
    await this.schedules.upsert(rows);
    await this.schedules.removeOthers(
      change.workflowId,
      change.version,
      rows.map((r) => r.triggerName),
    );
  }
}
