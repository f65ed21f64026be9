import { Injectable } from '@nestjs/common';
import semver from 'semver';
import { ConnectorDeclarationError, ConnectorRegistry } from '@patchbay/connector-sdk';
import { DefinitionRejectedError, DefinitionUnreadableError } from '@patchbay/openapi-connectors';
import { ConflictError, NotFoundError, ValidationFailedError } from '@patchbay/platform';
import { CustomConnectorCatalog } from './custom-connector.catalog.js';
import { compileConnector, operationSummaries, type CompiledConnector } from './custom-connector.compiler.js';
import { CUSTOM_CONNECTOR_ID, parseCreateConnectorInput } from './custom-connector.input.js';
import { DefinitionFetcher } from './definition-fetcher.js';
import { externalRefProblems } from './external-refs.js';
import {
  CustomConnectorStore,
  type StoredVersion,
  type StoredVersionSummary,
  type VersionKey,
} from './persistence/custom-connector.store.js';

/** A connector and its versions, newest last. */
export interface ConnectorView {
  id: string;
  title: string;
  latestVersion: string;
  versions: StoredVersionSummary[];
}

/** One version as the admin API shows it (without the definition). */
export type VersionView = Omit<StoredVersion, 'definition' | 'apiProperties'> & {
  authTypes?: string[];
  connectionParameters?: { name: string; type: string; secret: boolean; required: boolean }[];
};

/** `body.definition` + `$.paths...` -> `body.definition.paths...` */
function underField(field: string, path: string): string {
  if (path.startsWith('apiProperties$')) return `body.apiProperties${path.slice('apiProperties$'.length)}`;
  return path.startsWith('$') ? `${field}${path.slice(1)}` : `${field}.${path}`;
}

/** Uploading, listing and deleting custom connector versions (the REST admin API's logic). */
@Injectable()
export class CustomConnectorsService {
  constructor(
    private readonly store: CustomConnectorStore,
    private readonly catalog: CustomConnectorCatalog,
    private readonly registry: ConnectorRegistry,
    private readonly fetcher: DefinitionFetcher,
  ) {}

  async create(body: unknown): Promise<VersionView> {
    const input = parseCreateConnectorInput(body);
    const definition =
      input.definition ?? (await this.fetcher.fetch(input.definitionUrl!, 'body.definitionUrl'));
    const apiProperties =
      input.apiProperties ??
      (input.apiPropertiesUrl === undefined
        ? undefined
        : await this.fetcher.fetch(input.apiPropertiesUrl, 'body.apiPropertiesUrl'));
    const refs = [
      ...externalRefProblems(
        definition,
        input.definition === undefined ? 'definitionUrl' : 'body.definition',
      ),
      ...(apiProperties === undefined ? [] : externalRefProblems(apiProperties, 'body.apiProperties')),
    ];
    if (refs.length > 0)
      throw new ValidationFailedError(
        `the definition refers to other files or URLs (${refs.length}); upload one self-contained document`,
        refs,
      );
    const compiled = await this.compile(definition, apiProperties, input.id, input.version);
    const { id, version } = compiled.declaration;
    if (!CUSTOM_CONNECTOR_ID.test(id))
      throw new ValidationFailedError(
        `connector id '${id}' derived from the title is not usable; give body.id`,
        [
          {
            path: 'body.id',
            message: 'is required: the title does not make a valid connector id',
            found: id,
          },
        ],
      );
    const existing = this.registry.get(id);
    if (existing !== undefined && existing.declaration.kind !== 'custom')
      throw new ConflictError(`'${id}' is a built-in connector; give the custom connector another body.id`, [
        { path: 'body.id', message: 'names a built-in connector', found: id },
      ]);
    const stored = await this.store.insert({
      connectorId: id,
      version,
      title: compiled.imported.title,
      definition,
      ...(apiProperties === undefined ? {} : { apiProperties }),
      ...(input.definitionUrl === undefined ? {} : { sourceUrl: input.definitionUrl }),
      warnings: compiled.imported.warnings.map((w) => ({
        path: w.path,
        message: w.message,
        ...(w.feature === undefined ? {} : { feature: w.feature }),
      })),
      operations: operationSummaries(compiled.imported),
    });
    this.catalog.add(compiled);
    return this.view(stored);
  }

  private async compile(
    definition: Record<string, unknown>,
    apiProperties: Record<string, unknown> | undefined,
    id: string | undefined,
    version: string | undefined,
  ): Promise<CompiledConnector> {
    let compiled: CompiledConnector;
    try {
      compiled = await compileConnector({
        definition,
        ...(apiProperties === undefined ? {} : { apiProperties }),
        ...(id === undefined ? {} : { connectorId: id }),
        ...(version === undefined ? {} : { version }),
      });
    } catch (error) {
      if (error instanceof DefinitionRejectedError)
        throw new ValidationFailedError(
          `the definition cannot become a connector: ${error.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
          error.problems.map((p) => ({ path: underField('body.definition', p.path), message: p.message })),
        );
      if (error instanceof DefinitionUnreadableError)
        throw new ValidationFailedError(`the definition cannot be read: ${error.message}`, [
          { path: 'body.definition', message: error.message },
        ]);
      throw error;
    }
    try {
      // A scratch registry: the declaration is checked (ids, schemas compile) before anything is stored.
      new ConnectorRegistry().register(compiled.declaration);
    } catch (error) {
      if (error instanceof ConnectorDeclarationError)
        throw new ValidationFailedError(
          error.message,
          error.problems.map((p) => ({ path: 'body.definition', message: p })),
        );
      throw error;
    }
    return compiled;
  }

  async list(): Promise<ConnectorView[]> {
    const byId = new Map<string, StoredVersionSummary[]>();
    for (const summary of await this.store.list()) {
      const versions = byId.get(summary.connectorId) ?? [];
      versions.push(summary);
      byId.set(summary.connectorId, versions);
    }
    return [...byId].map(([id, versions]) => viewOf(id, versions));
  }

  async getConnector(connectorId: string): Promise<ConnectorView> {
    const versions = (await this.store.list()).filter((v) => v.connectorId === connectorId);
    if (versions.length === 0)
      throw new NotFoundError(`custom connector '${connectorId}' does not exist`, [
        { path: 'params.id', message: 'no such custom connector', found: connectorId },
      ]);
    return viewOf(connectorId, versions);
  }

  async getVersion(key: VersionKey): Promise<VersionView> {
    return this.view(await this.require(key));
  }

  async definition(key: VersionKey): Promise<Record<string, unknown>> {
    const stored = await this.require(key);
    return {
      definition: stored.definition,
      ...(stored.apiProperties === undefined ? {} : { apiProperties: stored.apiProperties }),
    };
  }

  async delete(key: VersionKey): Promise<void> {
    if (!(await this.store.delete(key))) throw this.notFound(key);
    this.catalog.remove(key);
  }

  private async require(key: VersionKey): Promise<StoredVersion> {
    const stored = await this.store.get(key);
    if (stored === undefined) throw this.notFound(key);
    return stored;
  }

  private notFound(key: VersionKey): NotFoundError {
    return new NotFoundError(`custom connector ${key.connectorId} has no version ${key.version}`, [
      { path: 'params.version', message: 'no such version', found: key.version },
    ]);
  }

  private view(stored: StoredVersion): VersionView {
    const { definition: _definition, apiProperties: _apiProperties, ...rest } = stored;
    const loaded = this.catalog.get(stored.connectorId, stored.version);
    if (loaded === undefined) return rest;
    const declaration = loaded.registered.declaration;
    return {
      ...rest,
      authTypes: declaration.authTypes.map((a) => a.type),
      connectionParameters: declaration.connectionParameters.map((p) => ({
        name: p.name,
        type: p.type,
        secret: p.secret,
        required: p.required,
      })),
    };
  }
}

function viewOf(id: string, versions: StoredVersionSummary[]): ConnectorView {
  const sorted = [...versions].sort((a, b) => semver.compare(a.version, b.version));
  const latest = sorted[sorted.length - 1]!;
  return { id, title: latest.title, latestVersion: latest.version, versions: sorted };
}
