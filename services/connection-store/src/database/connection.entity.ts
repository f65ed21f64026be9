import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuthType, ConnectionStatus } from '../connections/connection.types.js';

/** Row of `connection_store.connections`. Holds no secret value; `secret_keys` lists key names only. */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 63 })
  namespace!: string;

  @Column('varchar', { length: 80 })
  name!: string;

  @Column('varchar', { name: 'connector_id', length: 100 })
  connectorId!: string;

  @Column('varchar', { name: 'display_name', length: 200 })
  displayName!: string;

  @Column('varchar', { name: 'auth_type', length: 32 })
  authType!: AuthType;

  @Column('jsonb')
  parameters!: Record<string, unknown>;

  @Column('jsonb', { name: 'secret_keys' })
  secretKeys!: string[];

  @Column('varchar', { length: 24 })
  status!: ConnectionStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('jsonb')
  tags!: Record<string, string>;

  /** Vault KV v2 version the connection uses; null for rows older than versioned reads (read the latest). */
  @Column('integer', { name: 'secret_version', nullable: true })
  secretVersion!: number | null;

  /** Set while a new secret version is being written (see SecretReplacement); null otherwise. */
  @Column('timestamptz', { name: 'pending_secret_since', nullable: true })
  pendingSecretSince!: Date | null;

  /** Key names of the secret version being written, with `pendingSecretSince`. */
  @Column('jsonb', { name: 'pending_secret_keys', nullable: true })
  pendingSecretKeys!: string[] | null;

  /** An interrupted replacement rolls forward (token refresh) instead of back. */
  @Column('boolean', { name: 'pending_secret_roll_forward' })
  pendingSecretRollForward!: boolean;

  /** Expiry of the OAuth access token in Vault (not secret); the refresher renews ahead of it. */
  @Column('timestamptz', { name: 'token_expires_at', nullable: true })
  tokenExpiresAt!: Date | null;

  /** Execution environment whose connector-runtime replicas run this connection's operations; null: default. */
  @Column('varchar', { name: 'execution_environment', length: 40, nullable: true })
  executionEnvironment!: string | null;
}
