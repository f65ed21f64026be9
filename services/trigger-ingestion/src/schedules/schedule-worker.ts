import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Topics, type TriggerFired } from '@patchbay/contracts';
import type { OutgoingEvent } from '@patchbay/platform';
import { FiringGate } from '../concurrency/firing-gate.js';
import { scheduleTriggerResult } from '@patchbay/wdl';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import {
  ScheduleRepository,
  type ScheduleAdvance,
  type ScheduleRow,
} from '../persistence/schedule.repository.js';
import type { Decision } from '../persistence/decision-log.repository.js';
import { deterministicRunId } from '../firing/deterministic-run-id.js';
import { conditionsMet, TriggerExpressionError } from '../firing/trigger-expressions.js';
import { LOGGER } from '../tokens.js';
import { planDue } from './schedule-planner.js';
import { ClaimLoop } from '../lifecycle/claim-loop.js';

/**
 * Fires due Recurrence and SlidingWindow triggers. Every replica runs this loop; claims with SKIP LOCKED share
 * the due schedules among them, and a claim commits only after its events are durable in Kafka.
 */
@Injectable()
export class ScheduleWorker extends ClaimLoop {
  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly gate: FiringGate,
    @Inject(TRIGGER_INGESTION_CONFIG) config: TriggerIngestionConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('schedule claim', config, logger);
  }

  protected claim(batch: number): Promise<number> {
    return this.schedules.claimDue(batch, (rows) => this.fire(rows));
  }

  /** Builds and publishes the due firings of the claimed schedules; returns how to advance them. */
  async fire(rows: ScheduleRow[]): Promise<{ advances: ScheduleAdvance[]; decisions: Decision[] }> {
    const now = new Date();
    const events: OutgoingEvent<typeof Topics.triggerFired>[] = [];
    const advances: ScheduleAdvance[] = [];
    const decisions: Decision[] = [];
    for (const row of rows) {
      const ids = { workflowId: row.workflowId, triggerName: row.triggerName };
      const plan = planDue(row.triggerType, row.spec.recurrence, row.nextFireAt!, row.anchor, now, {
        maxFirings: 100,
        recurrenceCatchUpMs: this.config.PATCHBAY_RECURRENCE_CATCHUP_MS,
      });
      if (plan.problem !== undefined)
        decisions.push({ ...ids, outcome: 'invalid', detail: { problem: plan.problem } });
      if (plan.skipped > 0)
        decisions.push({
          ...ids,
          outcome: 'skipped',
          detail: { missedOccurrences: plan.skipped, reason: 'older than PATCHBAY_RECURRENCE_CATCHUP_MS' },
        });
      let fired = 0;
      for (const firing of plan.firings) {
        const scheduledTime = firing.scheduledTime.toISOString();
        try {
          const result = scheduleTriggerResult(row.triggerName, now.toISOString(), scheduledTime);
          if (!conditionsMet(row.spec, result, now.toISOString())) {
            decisions.push({ ...ids, outcome: 'conditions-not-met', detail: { scheduledTime } });
            continue;
          }
        } catch (error) {
          if (!(error instanceof TriggerExpressionError)) throw error;
          decisions.push({
            ...ids,
            outcome: 'condition-error',
            detail: { scheduledTime, problem: error.message },
          });
          continue;
        }
        const runId = deterministicRunId(row.workflowId, row.triggerName, scheduledTime);
        const event: TriggerFired = {
          runId,
          workflowId: row.workflowId,
          workflowVersion: row.workflowVersion,
          triggerName: row.triggerName,
          firedAt: now.toISOString(),
          outputs: {
            headers: {},
            scheduledTime,
            ...(firing.windowStartTime === undefined
              ? {}
              : {
                  windowStartTime: firing.windowStartTime.toISOString(),
                  windowEndTime: firing.windowEndTime!.toISOString(),
                }),
          },
          awaitsResponse: false,
        };
        events.push({ topic: Topics.triggerFired, data: event, options: { key: runId, id: runId } });
        fired += 1;
      }
      advances.push({ ...ids, nextFireAt: plan.next, fired });
    }
    const refused = await this.gate.fire(events);
    for (const event of events)
      if (refused.has(event.data.runId))
        decisions.push({
          workflowId: event.data.workflowId,
          triggerName: event.data.triggerName,
          outcome: 'rejected',
          detail: { scheduledTime: event.data.outputs.scheduledTime, reason: 'maximumWaitingRuns reached' },
        });
    return { advances, decisions };
  }
}
