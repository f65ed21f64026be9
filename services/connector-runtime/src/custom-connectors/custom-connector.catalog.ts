import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConnectorRegistry, type RegisteredConnector } from '@patchbay/connector-sdk';
import type { ImportedConnector } from '@patchbay/openapi-connectors';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { LOGGER } from '../config/logger.token.js';
import { compileConnector, type CompiledConnector } from './custom-connector.compiler.js';
import { CustomConnectorStore, type VersionKey } from './persistence/custom-connector.store.js';

/** A custom connector version as ApiConnection actions use it. */
export interface LoadedCustomConnector {
  registered: RegisteredConnector;
  imported: ImportedConnector;
}

function keyOf(k: VersionKey): string {
  return `${k.connectorId}@${k.version}`;
}

/**
 * The custom connectors of this replica, kept in step with Postgres: loaded (imported and registered in the
 * `ConnectorRegistry`) at boot, at once after a change made here, and after a change made by another replica
 * when the poll sees `catalog_revision` move (one small read every `PATCHBAY_CONNECTOR_CATALOG_POLL_MS`).
 * A lookup that misses also re-reads the catalogue once, so an action never fails because the poll was late.
 */
@Injectable()
export class CustomConnectorCatalog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loaded = new Map<string, LoadedCustomConnector>();
  /** Versions that failed to load, with the revision they failed at (not retried until it changes). */
  private readonly broken = new Map<string, string>();
  private revision: string | undefined;
  private syncing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly store: CustomConnectorStore,
    @Inject(CONNECTOR_RUNTIME_CONFIG)
    private readonly config: Pick<ConnectorRuntimeConfig, 'customConnectors'> &
      Partial<Pick<ConnectorRuntimeConfig, 'http'>>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pollOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'custom connector catalogue poll failed'))
        .finally(() => this.schedule());
    }, this.config.customConnectors.pollIntervalMs);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    if ((await this.store.revision()) !== this.revision) await this.sync();
  }

  /** Brings this replica's connectors in line with the database (single flight: callers share one pass). */
  sync(): Promise<void> {
    this.syncing ??= this.syncPass().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncPass(): Promise<void> {
    const { revision, keys } = await this.store.keys();
    const wanted = new Set(keys.map(keyOf));
    for (const [key, connector] of this.loaded) {
      if (wanted.has(key)) continue;
      this.registry.unregister(connector.registered.id, connector.registered.version);
      this.loaded.delete(key);
      this.logger.info({ connector: key }, 'custom connector version unloaded');
    }
    for (const key of keys) {
      const name = keyOf(key);
      if (this.loaded.has(name) || this.broken.get(name) === revision) continue;
      const stored = await this.store.get(key);
      if (stored === undefined) continue; // deleted since the keys were read: the next pass sees it
      try {
        const compiled = await compileConnector({
          definition: stored.definition,
          ...(stored.apiProperties === undefined ? {} : { apiProperties: stored.apiProperties }),
          connectorId: stored.connectorId,
          version: stored.version,
          skipSchemaCheck: true,
          ...(this.config.http === undefined ? {} : { maxResponseBytes: this.config.http.maxResponseBytes }),
        });
        this.add(compiled);
        this.broken.delete(name);
      } catch (error) {
        this.broken.set(name, revision);
        this.logger.error({ err: error, connector: name }, 'stored custom connector version does not load');
      }
    }
    this.revision = revision;
  }

  /** Registers a version this replica just stored (others load it from the database). */
  add(compiled: CompiledConnector): LoadedCustomConnector {
    const name = keyOf({ connectorId: compiled.declaration.id, version: compiled.declaration.version });
    const existing = this.loaded.get(name);
    if (existing !== undefined) return existing;
    const loaded = { registered: this.registry.register(compiled.declaration), imported: compiled.imported };
    this.loaded.set(name, loaded);
    this.logger.info({ connector: name }, 'custom connector version loaded');
    return loaded;
  }

  /** Removes a version this replica just deleted. */
  remove(key: VersionKey): void {
    const name = keyOf(key);
    if (!this.loaded.delete(name)) return;
    this.registry.unregister(key.connectorId, key.version);
  }

  /** The highest loaded version of a custom connector within `range`. */
  get(connectorId: string, range?: string): LoadedCustomConnector | undefined {
    const registered = this.registry.get(connectorId, range);
    if (registered === undefined || registered.declaration.kind !== 'custom') return undefined;
    return this.loaded.get(keyOf({ connectorId, version: registered.version }));
  }

  /** Like `get`; on a miss, re-reads the catalogue once (another replica may have just added it). */
  async find(connectorId: string, range?: string): Promise<LoadedCustomConnector | undefined> {
    const found = this.get(connectorId, range);
    if (found !== undefined) return found;
    await this.sync();
    return this.get(connectorId, range);
  }

  /** Ids of the loaded custom connectors (for messages). */
  ids(): string[] {
    return [...new Set([...this.loaded.values()].map((c) => c.registered.id))].sort();
  }
}
