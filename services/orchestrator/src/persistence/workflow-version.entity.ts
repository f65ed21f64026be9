import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One immutable version of a workflow's definition and parameter values. Runs are pinned to a version. */
@Entity({ name: 'workflow_versions' })
export class WorkflowVersionEntity {
  @PrimaryColumn('uuid', { name: 'workflow_id' })
  workflowId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('json')
  definition!: Record<string, unknown>;

  /** Parameter values supplied at deployment (non-secure ones; secure values never land here). */
  @Column('json')
  parameters!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
