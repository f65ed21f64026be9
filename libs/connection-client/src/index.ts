/**
 * @patchbay/connection-client: how a service gets a connection's parameters and secrets for one use, from
 * connection-store over gRPC (ResolveConnection: linked-workflow check, policies, audit), with a short-lived
 * in-memory cache that connection.changed events clear; and where a connection's requests go (the execution
 * environment topic router, with its Nest providers).
 */
export {
  ConnectionResolverClient,
  type ConnectionResolverOptions,
  type ResolveFor,
} from './connection-resolver.client.js';
export type { ResolvedConnectionData } from './resolved-connection.js';
export { ConnectionRoutingClient, type ConnectionRoutingOptions } from './connection-routing.client.js';
export { ConnectionResolutionError, ConnectionErrorCode } from './connection-resolution.error.js';
export {
  EnvironmentTopicRouter,
  ROUTING_UNAVAILABLE,
  type RequestRoute,
} from './environment-topic.router.js';
export {
  CONNECTION_ROUTING,
  connectionRoutingProviders,
  type ConnectionRoutingProvidersOptions,
  type ConnectionRoutingSettings,
} from './connection-routing.providers.js';
