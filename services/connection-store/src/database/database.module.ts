import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ensureSchema, ReadinessRegistry, typeormOptions } from '@patchbay/platform';
import { AuditLogEntity } from './audit-log.entity.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { ConnectionLinkEntity } from './connection-link.entity.js';
import { ConnectionLinkRepository } from './connection-link.repository.js';
import { ConnectionEntity } from './connection.entity.js';
import { ConnectionRepository } from './connection.repository.js';
import { ConnectorPolicyEntity } from './connector-policy.entity.js';
import { ConnectorPolicyRepository } from './connector-policy.repository.js';
import { ConnectorPolicies1764180000000 } from './migrations/1764180000000-connector-policies.js';
import { OAuth1764190000000 } from './migrations/1764190000000-oauth.js';
import { ExecutionEnvironment1764400000001 } from './migrations/1764400000001-execution-environment.js';
import { ConnectionStatusRepository } from './connection-status.repository.js';
import { ConnectionLock } from './connection-lock.js';
import { OAuthConsentEntity } from './oauth-consent.entity.js';
import { OAuthConsentRepository } from './oauth-consent.repository.js';
import { OutboxEntity } from './outbox.entity.js';
import { CreateConnectionStore1764160000000 } from './migrations/1764160000000-create-connection-store.js';
import { ConnectionUpdates1764170000000 } from './migrations/1764170000000-connection-updates.js';

/** The Postgres schema connection-store owns. */
export const CONNECTION_STORE_SCHEMA = 'connection_store';

const ENTITIES = [
  ConnectionEntity,
  ConnectionLinkEntity,
  AuditLogEntity,
  ConnectorPolicyEntity,
  OAuthConsentEntity,
  OutboxEntity,
];
const MIGRATIONS = [
  CreateConnectionStore1764160000000,
  ConnectionUpdates1764170000000,
  ConnectorPolicies1764180000000,
  OAuth1764190000000,
  ExecutionEnvironment1764400000001,
];

/** Registers `postgres` with the readiness checks (`select 1`). */
@Injectable()
class PostgresReadiness implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('postgres', async () => {
      await this.dataSource.query('select 1');
    });
  }
}

/**
 * Postgres access for connection-store: creates the schema, runs the migrations at boot (never synchronize),
 * and exports the repositories, the only classes that touch TypeORM.
 */
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureSchema(databaseUrl, CONNECTION_STORE_SCHEMA);
            return {
              ...typeormOptions({
                url: databaseUrl,
                schema: CONNECTION_STORE_SCHEMA,
                entities: ENTITIES,
                migrations: MIGRATIONS,
              }),
              // Fail the boot fast with the real error instead of retrying for half a minute.
              retryAttempts: 1,
            };
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: [
        ConnectionRepository,
        ConnectionLinkRepository,
        AuditLogRepository,
        ConnectorPolicyRepository,
        ConnectionStatusRepository,
        OAuthConsentRepository,
        ConnectionLock,
        PostgresReadiness,
      ],
      exports: [
        ConnectionRepository,
        ConnectionLinkRepository,
        AuditLogRepository,
        ConnectorPolicyRepository,
        ConnectionStatusRepository,
        OAuthConsentRepository,
        ConnectionLock,
      ],
    };
  }
}
