/**
 * @patchbay/connection-client: how a service gets a connection's parameters and secrets for one use, from
 * connection-store over gRPC (ResolveConnection: linked-workflow check, policies, audit), with a short-lived
 * in-memory cache that connection.changed events clear.
 */
export {
  ConnectionResolverClient,
  resolutionErrorOf,
  type ConnectionResolverOptions,
  type ResolveFor,
} from './connection-resolver.client.js';
export type { ResolvedConnectionData } from './resolved-connection.js';
export { ConnectionRoutingClient, type ConnectionRoutingOptions } from './connection-routing.client.js';
export { ConnectionResolutionError, ConnectionErrorCode } from './connection-resolution.error.js';
export { ResolvedConnectionCache } from './resolved-connection.cache.js';
