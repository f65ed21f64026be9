import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError } from '@patchbay/platform';

/** One operation of a stored version, as the admin API lists it. */
export interface OperationSummary {
  operationId: string;
  method: string;
  path: string;
  summary?: string;
  visibility: string;
  /** `polling` / `webhook` for operations that are also triggers. */
  trigger?: string;
}

export interface StoredWarning {
  path: string;
  message: string;
  feature?: string;
}

/** What identifies a version in the catalogue. */
export interface VersionKey {
  connectorId: string;
  version: string;
}

export interface StoredVersionSummary extends VersionKey {
  title: string;
  sourceUrl?: string;
  createdAt: string;
  operationCount: number;
  warningCount: number;
}

export interface StoredVersion extends VersionKey {
  title: string;
  definition: Record<string, unknown>;
  apiProperties?: Record<string, unknown>;
  sourceUrl?: string;
  warnings: StoredWarning[];
  operations: OperationSummary[];
  createdAt: string;
}

interface VersionRow {
  connector_id: string;
  version: string;
  title: string;
  definition?: Record<string, unknown>;
  api_properties?: Record<string, unknown> | null;
  source_url: string | null;
  warnings: StoredWarning[];
  operations: OperationSummary[];
  created_at: Date;
}

interface RevisionRow {
  revision: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Custom connector versions in `connector_runtime.custom_connector_versions`. Every change bumps the single
 * `catalog_revision` row in the same transaction, so replicas notice it with one cheap read.
 */
@Injectable()
export class CustomConnectorStore {
  constructor(private readonly dataSource: DataSource) {}

  async insert(version: Omit<StoredVersion, 'createdAt'>): Promise<StoredVersion> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<VersionRow[]>(
          `INSERT INTO custom_connector_versions
             (connector_id, version, title, definition, api_properties, source_url, warnings, operations)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           RETURNING connector_id, version, title, source_url, warnings, operations, created_at`,
          [
            version.connectorId,
            version.version,
            version.title,
            JSON.stringify(version.definition),
            version.apiProperties === undefined ? null : JSON.stringify(version.apiProperties),
            version.sourceUrl ?? null,
            JSON.stringify(version.warnings),
            JSON.stringify(version.operations),
          ],
        );
        await manager.query(`UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1`);
        return { ...version, createdAt: rows[0]!.created_at.toISOString() };
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION)
        throw new ConflictError(
          `custom connector ${version.connectorId} already has version ${version.version}; versions are immutable, upload a new version`,
          [{ path: 'body.version', message: 'already exists', found: version.version }],
        );
      throw error;
    }
  }

  /** Every version, without definitions, ordered by connector id. */
  async list(): Promise<StoredVersionSummary[]> {
    const rows = await this.dataSource.query<VersionRow[]>(
      `SELECT connector_id, version, title, source_url, warnings, operations, created_at
         FROM custom_connector_versions ORDER BY connector_id, created_at`,
    );
    return rows.map(summaryOf);
  }

  async get(key: VersionKey): Promise<StoredVersion | undefined> {
    const rows = await this.dataSource.query<VersionRow[]>(
      `SELECT * FROM custom_connector_versions WHERE connector_id = $1 AND version = $2`,
      [key.connectorId, key.version],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      connectorId: row.connector_id,
      version: row.version,
      title: row.title,
      definition: row.definition ?? {},
      ...(row.api_properties == null ? {} : { apiProperties: row.api_properties }),
      ...(row.source_url === null ? {} : { sourceUrl: row.source_url }),
      warnings: row.warnings,
      operations: row.operations,
      createdAt: row.created_at.toISOString(),
    };
  }

  /** Deletes one version; answers whether it existed. */
  async delete(key: VersionKey): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.query<[unknown[], number]>(
        `DELETE FROM custom_connector_versions WHERE connector_id = $1 AND version = $2 RETURNING version`,
        [key.connectorId, key.version],
      );
      const deleted = result[1] > 0;
      if (deleted) await manager.query(`UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1`);
      return deleted;
    });
  }

  /** The catalogue revision: it changes with every insert and delete. */
  async revision(): Promise<string> {
    const rows = await this.dataSource.query<RevisionRow[]>(
      `SELECT revision FROM catalog_revision WHERE id = 1`,
    );
    return rows[0]?.revision ?? '0';
  }

  /** The revision and every version key, read in one snapshot. */
  async keys(): Promise<{ revision: string; keys: VersionKey[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const revision = await manager.query<RevisionRow[]>(
        `SELECT revision FROM catalog_revision WHERE id = 1`,
      );
      const rows = await manager.query<VersionRow[]>(
        `SELECT connector_id, version FROM custom_connector_versions`,
      );
      return {
        revision: revision[0]?.revision ?? '0',
        keys: rows.map((r) => ({ connectorId: r.connector_id, version: r.version })),
      };
    });
  }
}

function summaryOf(row: VersionRow): StoredVersionSummary {
  return {
    connectorId: row.connector_id,
    version: row.version,
    title: row.title,
    ...(row.source_url === null ? {} : { sourceUrl: row.source_url }),
    createdAt: row.created_at.toISOString(),
    operationCount: row.operations.length,
    warningCount: row.warnings.length,
  };
}
