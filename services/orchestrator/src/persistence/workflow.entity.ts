import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type WorkflowState = 'Enabled' | 'Disabled';

/** A workflow: a name in a namespace, pointing at its current definition version. */
@Entity({ name: 'workflows' })
export class WorkflowEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  namespace!: string;

  @Column('text')
  name!: string;

  @Column('integer', { name: 'current_version' })
  currentVersion!: number;

  @Column('text')
  state!: WorkflowState;

  /** Per-trigger key versions for callback URL signatures: `{ manual: 0 }`. Bumped to regenerate a URL. */
  @Column('jsonb', { name: 'signature_key_versions' })
  signatureKeyVersions!: Record<string, number>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
