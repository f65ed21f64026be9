import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseEventData, type EventData, type TopicName } from '@patchbay/contracts';
import { currentLogFields } from '@patchbay/platform';
import { OutboxMessageEntity } from '../persistence/outbox-message.entity.js';
import { insertRows } from '../persistence/insert-rows.js';

export interface OutboxEvent<T extends TopicName = TopicName> {
  topic: T;
  key: string;
  data: EventData<T>;
  /** Kafka topic when it is not `topic` itself: an execution environment's copy of it (RequestTopicRouter). */
  destination?: string;
}

/** Adds events to the outbox inside the caller's transaction. Data is validated here, so a bad event fails the change. */
@Injectable()
export class OutboxWriter {
  /** Adds the events; returns the written rows (ids set) for publishCommitted once the transaction commits. */
  async add(manager: EntityManager, events: readonly OutboxEvent[]): Promise<OutboxMessageEntity[]> {
    if (events.length === 0) return [];
    const rows = this.rowsFor(events);
    await insertRows(manager, OutboxMessageEntity, rows);
    return rows;
  }

  /**
   * Outbox rows for events, validated, with stable event ids and the current trace context, not yet written
   * (for callers that write them in a statement of their own).
   */
  rowsFor(events: readonly OutboxEvent[]): OutboxMessageEntity[] {
    const { traceparent } = currentLogFields();
    return events.map((e) => {
      const row = new OutboxMessageEntity();
      row.topic = e.destination ?? e.topic;
      row.key = e.key;
      row.eventId = randomUUID();
      row.data = parseEventData(e.topic, e.data);
      row.traceparent = traceparent ?? null;
      return row;
    });
  }
}
