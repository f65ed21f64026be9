import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@patchbay/platform';
import { ConnectorRegistry, type RegisteredConnector } from '@patchbay/connector-sdk';
import type { ImportedConnector } from '@patchbay/openapi-connectors';
import { CustomConnectorCatalog } from '../custom-connectors/custom-connector.catalog.js';

/** No connector (or no version in the range) of that id, built-in or custom. HTTP 404. */
export class ConnectorNotFoundError extends NotFoundError {
  override readonly code = 'CONNECTOR_NOT_FOUND';
}

/** A connector version as the catalogue endpoints use it; `imported` for custom connectors. */
export interface FoundConnector {
  registered: RegisteredConnector;
  imported?: ImportedConnector;
  versions: string[];
}

/**
 * Finds built-in and custom connectors by id and semver range (highest version within it). A custom connector
 * another replica imported a moment ago is found too: a miss re-reads the custom catalogue once.
 */
@Injectable()
export class ConnectorLookup {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly custom: CustomConnectorCatalog,
  ) {}

  async require(connectorId: string, range?: string): Promise<FoundConnector> {
    const registered = this.registry.get(connectorId, range);
    if (registered !== undefined && registered.declaration.kind === 'builtin')
      return { registered, versions: this.registry.versions(connectorId) };
    const loaded = await this.custom.find(connectorId, range);
    if (loaded !== undefined)
      return {
        registered: loaded.registered,
        imported: loaded.imported,
        versions: this.registry.versions(connectorId),
      };
    const versions = this.registry.versions(connectorId);
    throw new ConnectorNotFoundError(
      versions.length === 0
        ? `connector '${connectorId}' does not exist (neither built-in nor imported)`
        : `connector '${connectorId}' has no version satisfying '${range ?? '*'}' (versions: ${versions.join(', ')})`,
      [{ path: 'params.id', message: 'is not a known connector', found: JSON.stringify(connectorId) }],
    );
  }
}
