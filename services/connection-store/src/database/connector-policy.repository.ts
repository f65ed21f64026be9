import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import type { ConnectorPolicy } from '../policies/policy.types.js';
import { ConnectorPolicyEntity } from './connector-policy.entity.js';
import { withDatabaseErrors } from './database-errors.js';

/** The only code that reads and writes `connection_store.connector_policies`. */
@Injectable()
export class ConnectorPolicyRepository {
  constructor(
    @InjectRepository(ConnectorPolicyEntity) private readonly rows: Repository<ConnectorPolicyEntity>,
  ) {}

  /** Creates or replaces a policy; resolves to whether it is new. `createdAt` of an existing one is kept. */
  async upsert(policy: ConnectorPolicy): Promise<boolean> {
    const inserted = await withDatabaseErrors(() =>
      this.rows.query<{ created: boolean }[]>(
        `INSERT INTO ${this.rows.metadata.tablePath}
           (name, namespace, mode, connector_ids, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $6)
         ON CONFLICT (name) DO UPDATE SET namespace = EXCLUDED.namespace, mode = EXCLUDED.mode,
           connector_ids = EXCLUDED.connector_ids, description = EXCLUDED.description,
           updated_at = EXCLUDED.updated_at
         RETURNING (xmax = 0) AS created`,
        [
          policy.name,
          policy.namespace,
          policy.mode,
          JSON.stringify(policy.connectorIds),
          policy.description,
          policy.updatedAt,
        ],
      ),
    );
    return inserted[0]?.created === true;
  }

  async find(name: string): Promise<ConnectorPolicy | undefined> {
    const row = await withDatabaseErrors(() => this.rows.findOneBy({ name }));
    return row ?? undefined;
  }

  async list(): Promise<ConnectorPolicy[]> {
    return withDatabaseErrors(() => this.rows.find({ order: { name: 'ASC' } }));
  }

  /** The policies that apply in `namespace`: the global ones and that namespace's own. */
  async inScope(namespace: string): Promise<ConnectorPolicy[]> {
    return withDatabaseErrors(() =>
      this.rows.find({
        where: [{ namespace: IsNull() }, { namespace: In([namespace]) }],
        order: { name: 'ASC' },
      }),
    );
  }

  async delete(name: string): Promise<boolean> {
    const result = await withDatabaseErrors(() => this.rows.delete({ name }));
    return (result.affected ?? 0) > 0;
  }
}
