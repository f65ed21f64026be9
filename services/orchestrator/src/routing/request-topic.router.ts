import { Injectable } from '@nestjs/common';
import { Topics } from '@patchbay/contracts';
import { EnvironmentTopicRouter } from '@patchbay/connection-client';
import { DependencyUnavailableError } from '@patchbay/platform';
import type { OutboxEvent } from '../outbox/outbox.writer.js';

/**
 * Sends each `action.requested` whose connection is pinned to an execution environment to that environment's
 * topic (EnvironmentTopicRouter), so only that environment's connector-runtime replicas ever see it. When the
 * environment cannot be told now, the step fails retryable: it is rolled back and the event that caused it
 * retried, so the request is never misrouted and never blocks the outbox.
 */
@Injectable()
export class RequestTopicRouter {
  constructor(private readonly router: EnvironmentTopicRouter) {}

  /** The events with their Kafka destination set where it is an environment topic. */
  async route(events: readonly OutboxEvent[]): Promise<OutboxEvent[]> {
    return Promise.all(
      events.map(async (event) => {
        if (event.topic !== Topics.actionRequested) return event;
        const { connectionName } = event.data as OutboxEvent<typeof Topics.actionRequested>['data'];
        const route = await this.router.route(Topics.actionRequested, connectionName);
        if (route.error !== undefined) throw new DependencyUnavailableError(route.error.message, []);
        return route.destination === undefined ? event : { ...event, destination: route.destination };
      }),
    );
  }
}
