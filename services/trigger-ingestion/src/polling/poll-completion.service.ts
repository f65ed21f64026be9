import { Inject, Injectable } from '@nestjs/common';
import { Topics, type TriggerFired, type TriggerPollCompleted } from '@patchbay/contracts';
import type { OutgoingEvent } from '@patchbay/platform';
import { FiringGate } from '../concurrency/firing-gate.js';
import type { TriggerResult } from '@patchbay/wdl';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { deterministicRunId } from '../firing/deterministic-run-id.js';
import { conditionsMet, TriggerExpressionError } from '../firing/trigger-expressions.js';
import { TriggerSwitches } from '../lifecycle/trigger-switches.js';
import type { Decision } from '../persistence/decision-log.repository.js';
import {
  PollRepository,
  type PollState,
  type PollUpdate,
  type SeenItems,
} from '../persistence/poll.repository.js';
import { nextOccurrence, parseRecurrence } from '../schedules/recurrence.js';
import { itemKey } from './item-key.js';
import { backoffMs } from './poll-backoff.js';

/** Run ids listed in one decision entry at most (the count is always complete). */
const RUN_IDS_IN_DECISION = 50;

interface Applied {
  update?: PollUpdate;
  seenKeys: readonly string[];
  decisions: Decision[];
}

/**
 * Applies one poll's answer, under the trigger's row lock and only if it answers the poll in flight:
 * drops items seen before (their keys are kept per trigger), fires one run per new item (`splitOn`) or one
 * run for the batch, filters by the trigger's conditions, moves the cursor, and logs the decision. Run ids
 * derive from (trigger, poll id, position), so an answer applied twice after a crash fires the same runs.
 */
@Injectable()
export class PollCompletionService {
  constructor(
    private readonly polls: PollRepository,
    private readonly gate: FiringGate,
    private readonly switches: TriggerSwitches,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  async apply(completed: TriggerPollCompleted): Promise<void> {
    await this.polls.complete(completed.workflowId, completed.triggerName, (state, seen) =>
      state === undefined
        ? Promise.resolve({ seenKeys: [], decisions: [] })
        : this.decide(state, completed, seen),
    );
  }

  private async decide(state: PollState, completed: TriggerPollCompleted, seen: SeenItems): Promise<Applied> {
    const ids = { workflowId: state.workflowId, triggerName: state.triggerName };
    const pollId = completed.pollId;
    if (state.inFlightPollId !== pollId)
      return {
        seenKeys: [],
        decisions: [
          {
            ...ids,
            outcome: 'poll-answer-ignored',
            detail: {
              pollId,
              reason: 'not the poll in flight (already applied, or given up after its lease)',
            },
          },
        ],
      };
    const now = new Date();
    const cursorBefore = state.cursor?.value ?? null;
    const idle = { ...ids, inFlightPollId: null, inFlightUntil: null, fired: 0 };
    if (completed.status === 'Failed') {
      const failures = state.failures + 1;
      const waitMs = Math.max(backoffMs(this.config, failures), completed.retryAfterMs ?? 0);
      const nextPollAt = new Date(now.getTime() + waitMs);
      return {
        update: { ...idle, nextPollAt, failures },
        seenKeys: [],
        decisions: [
          {
            ...ids,
            outcome: 'error',
            detail: { pollId, error: completed.error ?? null, failures, cursorBefore, nextPollAt },
          },
        ],
      };
    }
    if (!state.workflowEnabled || !this.switches.isEnabled(state.workflowId, state.triggerName))
      // Switched off while the poll ran: nothing fires and the cursor stays, so nothing is lost either.
      return {
        update: { ...idle, nextPollAt: state.nextPollAt, failures: 0 },
        seenKeys: [],
        decisions: [
          { ...ids, outcome: 'skipped', detail: { pollId, reason: 'trigger or workflow disabled' } },
        ],
      };

    const items = completed.items ?? [];
    const keys = items.map(itemKey);
    const seenBefore = await seen.seen([...new Set(keys)]);
    const fresh: unknown[] = [];
    const taken = new Set<string>();
    keys.forEach((key, i) => {
      if (seenBefore.has(key) || taken.has(key)) return;
      taken.add(key);
      fresh.push(items[i]);
    });
    const resultOf = (body: unknown): TriggerResult => ({
      name: state.triggerName,
      outputs: { headers: {}, body },
      startTime: now.toISOString(),
      endTime: now.toISOString(),
      status: 'Succeeded',
    });
    // With splitOn, one run per new item (the connector already took the items out of the source's answer);
    // without it, one run whose trigger body is the array of new items.
    const results: TriggerResult[] =
      state.spec.splitOn !== undefined ? fresh.map(resultOf) : fresh.length > 0 ? [resultOf(fresh)] : [];

    const decisions: Decision[] = [];
    const events: OutgoingEvent<typeof Topics.triggerFired>[] = [];
    let filtered = 0;
    results.forEach((result, index) => {
      try {
        if (!conditionsMet(state.spec, result, now.toISOString())) {
          filtered += 1;
          return;
        }
      } catch (error) {
        if (!(error instanceof TriggerExpressionError)) throw error;
        filtered += 1;
        decisions.push({
          ...ids,
          outcome: 'condition-error',
          detail: { pollId, index, problem: error.message },
        });
        return;
      }
      const runId = deterministicRunId(state.workflowId, state.triggerName, pollId, String(index));
      const event: TriggerFired = {
        runId,
        workflowId: state.workflowId,
        workflowVersion: state.workflowVersion,
        triggerName: state.triggerName,
        firedAt: now.toISOString(),
        outputs: { headers: {}, body: result.outputs?.body },
        awaitsResponse: false,
      };
      events.push({ topic: Topics.triggerFired, data: event, options: { key: runId, id: runId } });
    });
    const refused = await this.gate.fire(events);

    const cursor = completed.nextCursor === undefined ? state.cursor : { value: completed.nextCursor };
    // New items may mean more are waiting (a backlog after downtime): poll again at once until a poll brings
    // nothing new; otherwise wait for the next occurrence of the recurrence.
    const nextPollAt = fresh.length > 0 ? now : this.nextOccurrence(state, now);
    decisions.unshift({
      ...ids,
      outcome: events.length > 0 ? 'fired' : 'polled',
      detail: {
        pollId,
        items: items.length,
        new: fresh.length,
        duplicate: items.length - fresh.length,
        filtered,
        fired: events.length - refused.size,
        rejected: refused.size,
        runIds: events.slice(0, RUN_IDS_IN_DECISION).map((e) => e.data.runId),
        cursorBefore,
        cursorAfter: cursor?.value ?? null,
      },
    });
    return {
      update: {
        ...idle,
        nextPollAt,
        failures: 0,
        fired: events.length,
        ...(cursor === undefined ? {} : { cursor }),
      },
      seenKeys: [...new Set(keys)],
      decisions,
    };
  }

  private nextOccurrence(state: PollState, now: Date): Date | null {
    return nextOccurrence(parseRecurrence(state.spec.recurrence), now, state.anchor) ?? null;
  }
}
