import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One finished action instance of a run, for the run history: every loop pass of every action, in the order
 * they finished. Written in the transaction of the step that finished it; secure values already redacted.
 */
@Entity({ name: 'run_actions' })
export class RunActionEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  /** Order of finishing within the run: the run revision times 1,000,000 plus the position in that step. */
  @PrimaryColumn('bigint', { name: 'seq' })
  seq!: string;

  @Column('text', { name: 'action_name' })
  actionName!: string;

  @Column('int', { name: 'iteration_path', array: true })
  iterationPath!: number[];

  @Column('text')
  status!: string;

  @Column('json')
  result!: unknown;
}
