import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A durable timer of a run (retry back-off, Wait, timeouts). Fired once by whichever replica claims it. */
@Entity({ name: 'run_timers' })
export class RunTimerEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @PrimaryColumn('text', { name: 'timer_id' })
  timerId!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;
}
