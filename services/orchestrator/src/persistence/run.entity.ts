import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A run of a workflow version. `state` is the interpreter's serialized state; history is derived from it. */
@Entity({ name: 'runs' })
export class RunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workflow_id' })
  workflowId!: string;

  @Column('integer', { name: 'workflow_version' })
  workflowVersion!: number;

  @Column('text', { name: 'trigger_name' })
  triggerName!: string;

  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column('json')
  state!: unknown;

  @Column('json', { nullable: true })
  error!: unknown;

  @Column('integer', { name: 'revision' })
  revision!: number;
}
