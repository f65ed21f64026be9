import {
  DEFAULT_EXECUTION_ENVIRONMENT,
  environmentTopic,
  type ConnectionRouting,
  type EnvironmentRoutedTopic,
  type GetConnectionRoutingRequest,
} from '@patchbay/contracts';
import { ConnectionErrorCode, type ConnectionResolutionError } from './connection-resolution.error.js';
import { ConnectionStoreChannel } from './connection-store.channel.js';

export interface ConnectionRoutingOptions {
  /** connection-store gRPC target, e.g. `127.0.0.1:9090`. */
  target: string;
  /** Upper bound of one call. */
  timeoutMs: number;
  /** Most connections remembered (the oldest goes first). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  environment: string;
  expiresAt: number;
}

/** A GetConnectionRouting call in flight; `forgotten` once connection.changed came while it was asked. */
interface Flight {
  promise: Promise<string>;
  forgotten: boolean;
}

const DEFAULT_NAMESPACE = 'default';

/**
 * Which execution environment runs a connection's operations, for the services that produce action and poll
 * requests: they send a request straight to its environment's topic (`topicFor`). Asks connection-store's
 * `GetConnectionRouting` (no secrets, no audit) and remembers the answer for the TTL the store grants; a
 * `connection.changed` event drops it sooner (`forgetConnection`), so a warm cache costs no round trip.
 * Concurrent misses for one connection share one call. A connection the store does not know is not
 * remembered (its creation publishes no event), and goes to the default environment, where it fails with
 * `ConnectionNotFound` as before.
 */
export class ConnectionRoutingClient {
  private readonly channel: ConnectionStoreChannel;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Flight>();
  private readonly now: () => number;

  constructor(private readonly options: ConnectionRoutingOptions) {
    this.channel = new ConnectionStoreChannel(options.target);
    this.now = options.now ?? Date.now;
  }

  /** The Kafka topic for a request of `topic` that uses `connectionName` (the contract topic when unpinned). */
  async topicFor(
    topic: EnvironmentRoutedTopic,
    connectionName: string | undefined,
    namespace = DEFAULT_NAMESPACE,
  ): Promise<string> {
    if (connectionName === undefined) return topic;
    return environmentTopic(topic, await this.environmentOf(connectionName, namespace));
  }

  /**
   * The connection's execution environment (`default` when unpinned or unknown). Rejects with a retryable
   * `ConnectionStoreUnavailable` when the store cannot be asked and nothing is remembered.
   */
  environmentOf(connectionName: string, namespace = DEFAULT_NAMESPACE): Promise<string> {
    const key = `${namespace}\u0000${connectionName}`;
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt > this.now()) return Promise.resolve(entry.environment);
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending.promise;
    const flight: Flight = { promise: Promise.resolve(''), forgotten: false };
    flight.promise = this.ask(key, namespace, connectionName, flight).finally(() => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    });
    this.inFlight.set(key, flight);
    return flight.promise;
  }

  /**
   * Drops what is remembered of a connection (connection.changed: it may have been re-pinned). A call in flight
   * may carry the answer from before the change: its answer is not remembered, and later questions ask again.
   */
  forgetConnection(namespace: string, connectionName: string): boolean {
    const key = `${namespace}\u0000${connectionName}`;
    const flight = this.inFlight.get(key);
    if (flight !== undefined) {
      flight.forgotten = true;
      this.inFlight.delete(key);
    }
    return this.entries.delete(key) || flight !== undefined;
  }

  /** Resolves when the channel to connection-store is connected (readiness). */
  waitForReady(timeoutMs: number): Promise<void> {
    return this.channel.waitForReady(timeoutMs);
  }

  close(): void {
    this.channel.close();
  }

  private async ask(key: string, namespace: string, name: string, flight: Flight): Promise<string> {
    let answer: ConnectionRouting;
    try {
      answer = await this.call({ namespace, name });
    } catch (error) {
      const typed = error as ConnectionResolutionError;
      // A name the store refuses as invalid cannot be pinned: the runtime reports the real problem.
      if (typed.code === ConnectionErrorCode.ConnectionUnusable) return DEFAULT_EXECUTION_ENVIRONMENT;
      throw error;
    }
    const environment =
      answer.executionEnvironment === '' ? DEFAULT_EXECUTION_ENVIRONMENT : answer.executionEnvironment;
    if (answer.found && answer.cacheTtlSeconds > 0 && !flight.forgotten) {
      this.entries.delete(key);
      if (this.entries.size >= (this.options.maxEntries ?? 10_000)) {
        const oldest = this.entries.keys().next();
        if (oldest.done !== true) this.entries.delete(oldest.value);
      }
      this.entries.set(key, { environment, expiresAt: this.now() + answer.cacheTtlSeconds * 1_000 });
    }
    return environment;
  }

  private call(request: GetConnectionRoutingRequest): Promise<ConnectionRouting> {
    const deadline = new Date(Date.now() + this.options.timeoutMs);
    return this.channel.call('GetConnectionRouting', request, request.name, deadline);
  }
}
