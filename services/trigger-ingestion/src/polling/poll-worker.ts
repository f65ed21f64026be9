import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Topics, type TriggerPollRequested } from '@patchbay/contracts';
import { EnvironmentTopicRouter } from '@patchbay/connection-client';
import { EventPublisher, type OutgoingEvent } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import type { Decision } from '../persistence/decision-log.repository.js';
import { PollRepository, type PollState, type PollUpdate } from '../persistence/poll.repository.js';
import { LOGGER } from '../tokens.js';
import { backoffMs } from './poll-backoff.js';
import { connectionNameOf, evaluateTriggerInputs, TriggerInputsError } from './polling-trigger.js';
import { ClaimLoop } from '../lifecycle/claim-loop.js';

const PRUNE_EVERY_MS = 60_000;

/**
 * Starts due polls. Every replica runs this loop; `SKIP LOCKED` claims share the due triggers among them. A
 * claimed trigger gets a fresh poll id and a lease until the poll's deadline (plus a grace for its answer to
 * travel): no second poll of that trigger starts while it runs, and a poll whose answer never comes (a lost
 * request, a crashed connector-runtime) is replaced once the lease runs out.
 */
@Injectable()
export class PollWorker extends ClaimLoop {
  constructor(
    private readonly polls: PollRepository,
    private readonly publisher: EventPublisher,
    private readonly router: EnvironmentTopicRouter,
    @Inject(TRIGGER_INGESTION_CONFIG) config: TriggerIngestionConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('poll claim', config, logger, PRUNE_EVERY_MS);
  }

  protected claim(batch: number): Promise<number> {
    return this.polls.claimDue(batch, (rows) => this.start(rows));
  }

  protected override async prune(): Promise<void> {
    const pruned = await this.polls.pruneSeen(this.config.PATCHBAY_POLL_DEDUP_RETENTION_MS);
    if (pruned > 0) this.logger.info({ pruned }, 'forgot polled item keys past their retention');
  }

  /**
   * Publishes a poll request per claimed trigger, to its connection's execution environment; returns the leases
   * to record. A trigger whose environment cannot be told now is not polled: it is tried again after the base
   * back-off (not counted as a failed poll), so a request never goes to the wrong environment.
   */
  async start(rows: PollState[]): Promise<{ updates: PollUpdate[]; decisions: Decision[] }> {
    const now = new Date();
    const requests: { row: PollState; request: TriggerPollRequested }[] = [];
    const updates: PollUpdate[] = [];
    const decisions: Decision[] = [];
    for (const row of rows) {
      const ids = { workflowId: row.workflowId, triggerName: row.triggerName };
      if (row.inFlightPollId !== null)
        decisions.push({
          ...ids,
          outcome: 'poll-timed-out',
          detail: {
            pollId: row.inFlightPollId,
            reason: 'no answer from connector-runtime before the lease ran out',
          },
        });
      let inputs: unknown;
      try {
        inputs = evaluateTriggerInputs(row.spec, now);
      } catch (error) {
        if (!(error instanceof TriggerInputsError)) throw error;
        const failures = row.failures + 1;
        const nextPollAt = new Date(now.getTime() + backoffMs(this.config, failures));
        decisions.push({
          ...ids,
          outcome: 'error',
          detail: { error: { code: 'InvalidTriggerInputs', message: error.message }, failures, nextPollAt },
        });
        updates.push({ ...ids, nextPollAt, inFlightPollId: null, inFlightUntil: null, failures, fired: 0 });
        continue;
      }
      const deadline = new Date(now.getTime() + this.config.PATCHBAY_POLL_TIMEOUT_MS);
      const connectionName = connectionNameOf(inputs);
      requests.push({
        row,
        request: {
          pollId: randomUUID(),
          workflowId: row.workflowId,
          workflowVersion: row.workflowVersion,
          triggerName: row.triggerName,
          triggerType: row.triggerType,
          inputs,
          ...(connectionName === undefined ? {} : { connectionName }),
          ...(row.cursor === undefined ? {} : { cursor: row.cursor.value }),
          deadline: deadline.toISOString(),
          requestedAt: now.toISOString(),
        },
      });
    }
    const routes = await Promise.all(
      requests.map(({ request }) => this.router.route(Topics.triggerPollRequested, request.connectionName)),
    );
    const events: OutgoingEvent<typeof Topics.triggerPollRequested>[] = [];
    requests.forEach(({ row, request }, index) => {
      const ids = { workflowId: row.workflowId, triggerName: row.triggerName };
      const route = routes[index]!;
      if (route.error !== undefined) {
        const nextPollAt = new Date(now.getTime() + this.config.PATCHBAY_POLL_BACKOFF_MS);
        decisions.push({ ...ids, outcome: 'poll-postponed', detail: { error: route.error, nextPollAt } });
        updates.push({
          ...ids,
          nextPollAt,
          inFlightPollId: null,
          inFlightUntil: null,
          failures: row.failures,
          fired: 0,
        });
        return;
      }
      events.push({
        topic: Topics.triggerPollRequested,
        data: request,
        options: {
          key: `${row.workflowId}/${row.triggerName}`,
          id: request.pollId,
          ...(route.destination === undefined ? {} : { destination: route.destination }),
        },
      });
      updates.push({
        ...ids,
        nextPollAt: row.nextPollAt,
        inFlightPollId: request.pollId,
        // The answer may take a moment to travel after the deadline; only then is the poll given up.
        inFlightUntil: new Date(Date.parse(request.deadline) + 30_000),
        failures: row.failures,
        fired: 0,
      });
    });
    await this.publisher.publishAll(events);
    return { updates, decisions };
  }
}
