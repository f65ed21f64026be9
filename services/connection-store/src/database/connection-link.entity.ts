import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `connection_store.connection_links`: the workflow may resolve the connection. */
@Entity({ name: 'connection_links' })
export class ConnectionLinkEntity {
  @PrimaryColumn('uuid', { name: 'connection_id' })
  connectionId!: string;

  @PrimaryColumn('uuid', { name: 'workflow_id' })
  workflowId!: string;

  @Column('timestamptz', { name: 'linked_at' })
  linkedAt!: Date;
}
