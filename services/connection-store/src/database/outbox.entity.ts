import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Row of `connection_store.outbox`: an event committed with the change that caused it, not yet published. */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('varchar', { length: 200 })
  topic!: string;

  @Column('varchar', { length: 200 })
  key!: string;

  /** CloudEvents id, stable across re-publishes so consumers can deduplicate. */
  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('jsonb')
  data!: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
