import { Injectable } from '@nestjs/common';
import type { WorkflowChanged } from '@patchbay/contracts';
import { PollRepository, type PollRegistration } from '../persistence/poll.repository.js';
import { DecisionLogRepository } from '../persistence/decision-log.repository.js';
import { parseRecurrence, RecurrenceError } from '../schedules/recurrence.js';
import { withEvaluatedRecurrence } from '../firing/trigger-expressions.js';
import { connectorTriggerKind } from './polling-trigger.js';

/**
 * Keeps the poll table in step with `workflow.changed`, like ScheduleSync: idempotent, newer versions win. A
 * polling trigger polls at once when registered (or its inputs change), then on its recurrence.
 */
@Injectable()
export class PollSync {
  constructor(
    private readonly polls: PollRepository,
    private readonly decisions: DecisionLogRepository,
  ) {}

  async apply(change: WorkflowChanged, now = new Date()): Promise<void> {
    if (change.state === 'Deleted') {
      await this.polls.removeOthers(change.workflowId, 2_147_483_647, []);
      return;
    }
    const rows: PollRegistration[] = [];
    for (const announced of change.triggers) {
      if (connectorTriggerKind(announced) !== 'poll') continue;
      const evaluated = withEvaluatedRecurrence(announced);
      const trigger = evaluated.spec;
      let problem = evaluated.problem;
      try {
        if (problem === undefined) parseRecurrence(trigger.recurrence);
      } catch (error) {
        if (!(error instanceof RecurrenceError)) throw error;
        problem = `a polling trigger needs a recurrence: ${error.message}`;
      }
      if (problem !== undefined) {
        await this.decisions.append([
          {
            workflowId: change.workflowId,
            triggerName: trigger.name,
            outcome: 'invalid',
            detail: { version: change.version, problem },
          },
        ]);
      }
      rows.push({
        workflowId: change.workflowId,
        triggerName: trigger.name,
        workflowVersion: change.version,
        triggerType: trigger.type,
        spec: trigger,
        workflowEnabled: change.state === 'Enabled',
        anchor: now,
        nextPollAt: problem === undefined ? now : null,
      });
    }
    await this.polls.upsert(rows);
    await this.polls.removeOthers(
      change.workflowId,
      change.version,
      rows.map((r) => r.triggerName),
    );
  }
}
