import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Topics, type ConnectionChanged } from '@patchbay/contracts';
import type { ConnectionRecord } from '../connections/connection.types.js';

/** What an event says about its connection. */
export type EventSubject = Pick<ConnectionRecord, 'id' | 'namespace' | 'name' | 'connectorId'>;

/**
 * Appends a `connection.changed` event to the outbox inside the caller's transaction, so the event exists
 * exactly when the change it reports committed. Never holds a secret.
 */
export async function appendConnectionChanged(
  manager: EntityManager,
  subject: EventSubject,
  status: ConnectionChanged['status'],
  reason: string | null,
  at: Date,
): Promise<void> {
  const data: ConnectionChanged = {
    connectionId: subject.id,
    namespace: subject.namespace,
    name: subject.name,
    connectorId: subject.connectorId,
    status,
    statusReason: reason,
    changedAt: at.toISOString(),
  };
  // jsonb through SQL: TypeORM's deep-partial insert type cannot take a plain JSON object with nulls.
  await manager.query(
    `INSERT INTO connection_store.outbox (topic, key, event_id, data, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5)`,
    [Topics.connectionChanged, subject.id, randomUUID(), JSON.stringify(data), at],
  );
}
