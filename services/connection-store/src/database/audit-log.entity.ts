import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Outcome of one ResolveConnection call, as recorded in the audit log. */
export type AuditOutcome = 'Granted' | 'Denied' | 'Failed';

/** Row of `connection_store.audit_log`: who resolved which connection, when, and with what outcome. Never a value. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** No foreign key: the audit trail outlives the connection. */
  @Column('uuid', { name: 'connection_id' })
  connectionId!: string;

  @Column('uuid', { name: 'workflow_id' })
  workflowId!: string;

  @Column('varchar', { name: 'run_id', length: 64 })
  runId!: string;

  @Column('varchar', { name: 'action_name', length: 256 })
  actionName!: string;

  @Column('timestamptz')
  at!: Date;

  @Column('varchar', { length: 16 })
  outcome!: AuditOutcome;

  @Column('text', { nullable: true })
  reason!: string | null;
}
