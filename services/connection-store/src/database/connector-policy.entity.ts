import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PolicyMode } from '../policies/policy.types.js';

/** Row of `connection_store.connector_policies`. `namespace` NULL: the policy applies to every namespace. */
@Entity({ name: 'connector_policies' })
export class ConnectorPolicyEntity {
  @PrimaryColumn('varchar', { length: 80 })
  name!: string;

  @Column('varchar', { length: 63, nullable: true })
  namespace!: string | null;

  @Column('varchar', { length: 8 })
  mode!: PolicyMode;

  @Column('jsonb', { name: 'connector_ids' })
  connectorIds!: string[];

  @Column('text')
  description!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
