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

  /**
   * Parameter values supplied at deployment. Values of secureString/secureObject parameters are stored sealed
   * (`{"$sealed": ...}`, see engine/secure-parameters.ts), never in clear.
   */
  @Column('json')
  parameters!: Record<string, unknown>;

  /** Logic Apps `accessControl` (allowed caller IP ranges of Request triggers), when set. */
  @Column('json', { name: 'access_control', nullable: true })
  accessControl!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
