import {
  DEFAULT_EXECUTION_ENVIRONMENT,
  type ResolveConnectionRequest,
  type ResolvedConnection,
} from '@patchbay/contracts';
import { ConnectionErrorCode, ConnectionResolutionError } from './connection-resolution.error.js';
import { ConnectionStoreChannel } from './connection-store.channel.js';
import { ResolvedConnectionCache } from './resolved-connection.cache.js';
import type { ResolvedConnectionData } from './resolved-connection.js';

export interface ConnectionResolverOptions {
  /** connection-store gRPC target, e.g. `127.0.0.1:9090`. */
  target: string;
  /** Upper bound of one call. */
  timeoutMs: number;
}

/** Who asks, for the linked-access check and the audit log. */
export interface ResolveFor {
  connectionName: string;
  workflowId: string;
  runId: string;
  actionName: string;
  namespace?: string;
}

const DEFAULT_NAMESPACE = 'default';

function jsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown = {};
  try {
    if (text !== '') value = JSON.parse(text);
  } catch {
    throw new ConnectionResolutionError(
      ConnectionErrorCode.ConnectionResolutionFailed,
      `connection-store sent ${what} that is not JSON`,
      false,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConnectionResolutionError(
      ConnectionErrorCode.ConnectionResolutionFailed,
      `connection-store sent ${what} that is not a JSON object`,
      false,
    );
  }
  return value as Record<string, unknown>;
}

function toData(message: ResolvedConnection): ResolvedConnectionData {
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(jsonObject(message.secretsJson, 'secrets'))) {
    if (typeof value === 'string') secrets[key] = value;
  }
  return {
    connectionId: message.connectionId,
    connectionName: message.connectionName,
    connectorId: message.connectorId,
    authType: message.authType,
    parameters: jsonObject(message.parametersJson, 'parameters'),
    secrets,
    executionEnvironment:
      message.executionEnvironment === '' ? DEFAULT_EXECUTION_ENVIRONMENT : message.executionEnvironment,
  };
}

/**
 * gRPC client of connection-store's ResolveConnection, with an in-memory cache that keeps an answer no
 * longer than the `cache_ttl_seconds` the store granted. The cache key includes the workflow: linked access
 * is per workflow.
 */
export class ConnectionResolverClient {
  private readonly channel: ConnectionStoreChannel;
  private readonly cache = new ResolvedConnectionCache();

  constructor(private readonly options: ConnectionResolverOptions) {
    this.channel = new ConnectionStoreChannel(options.target);
  }

  /** Resolves a connection for one attempt, from the cache when a fresh answer is there. */
  async resolve(request: ResolveFor, deadline: Date): Promise<ResolvedConnectionData> {
    const namespace = request.namespace ?? DEFAULT_NAMESPACE;
    const key = ResolvedConnectionCache.key(namespace, request.connectionName, request.workflowId);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const message = await this.call({ ...request, namespace }, deadline);
    const data = toData(message);
    this.cache.set(key, data, message.cacheTtlSeconds);
    return data;
  }

  /** Drops a cached answer (the target refused its credentials: they may have changed). */
  forget(request: Pick<ResolveFor, 'connectionName' | 'workflowId' | 'namespace'>): void {
    this.cache.delete(
      ResolvedConnectionCache.key(
        request.namespace ?? DEFAULT_NAMESPACE,
        request.connectionName,
        request.workflowId,
      ),
    );
  }

  /** Drops every cached answer of a connection that changed (connection.changed from connection-store). */
  forgetConnection(namespace: string, connectionName: string): number {
    return this.cache.deleteConnection(namespace, connectionName);
  }

  /** Resolves when the channel to connection-store is connected (readiness). */
  waitForReady(timeoutMs: number): Promise<void> {
    return this.channel.waitForReady(timeoutMs);
  }

  close(): void {
    this.channel.close();
  }

  private call(request: ResolveConnectionRequest, deadline: Date): Promise<ResolvedConnection> {
    const callDeadline = new Date(Math.min(deadline.getTime(), Date.now() + this.options.timeoutMs));
    return this.channel.call('ResolveConnection', request, request.connectionName, callDeadline);
  }
}
