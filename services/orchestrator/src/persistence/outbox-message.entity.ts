import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Events waiting to be published, written in the same transaction as the state change that caused them
 * (transactional outbox). The relay publishes them in id order and deletes them.
 */
@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text')
  topic!: string;

  @Column('text', { name: 'message_key' })
  key!: string;

  /** Stable CloudEvents id, so a re-publish after a crash can be recognised by consumers. */
  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('json')
  data!: unknown;

  /** W3C traceparent of the request or message whose handling wrote the row; the event is its child. */
  @Column('text', { nullable: true })
  traceparent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
