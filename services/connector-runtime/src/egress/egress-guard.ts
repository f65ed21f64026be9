import { createHash } from 'node:crypto';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import {
  ConnectorError,
  ConnectorErrorCode,
  EgressDeniedError,
  type CheckedAddress,
  type ClientTlsOptions,
  type ConnectorNetwork,
} from '@patchbay/connector-sdk';
import { checkDestination, systemLookup, type EgressPolicy, type HostLookup } from '@patchbay/egress';

/** Dispatchers kept per namespace and TLS material; the oldest is closed past this many. */
const MAX_DISPATCHERS = 64;

function tlsConnectOptions(tls: ClientTlsOptions | undefined): Record<string, unknown> {
  if (tls === undefined) return {};
  const options: Record<string, unknown> = {};
  if (tls.cert !== undefined) options.cert = tls.cert;
  if (tls.key !== undefined) options.key = tls.key;
  if (tls.passphrase !== undefined) options.passphrase = tls.passphrase;
  if (tls.pfx !== undefined) options.pfx = Buffer.from(tls.pfx, 'base64');
  if (tls.ca !== undefined) options.ca = tls.ca;
  return options;
}

/**
 * Applies egress rules where it counts: on the address a socket is about to connect to. Host names are
 * resolved here, every candidate is checked, and the connection goes to the checked address, so a DNS answer
 * that changes between check and connect (rebinding) cannot slip past; HTTP redirects open new connections
 * through the same check.
 */
export class EgressGuard {
  private readonly dispatchers = new Map<string, Agent>();

  constructor(
    private readonly policy: EgressPolicy,
    private readonly connectTimeoutMs: number,
    private readonly lookup: HostLookup = systemLookup,
  ) {}

  /** The network an operation of `namespace` gets. */
  networkFor(namespace: string): ConnectorNetwork {
    return {
      resolve: (host, port) => this.resolve(namespace, host, port),
      httpDispatcher: (tls) => this.dispatcher(namespace, tls),
    };
  }

  async resolve(namespace: string, host: string, port: number): Promise<CheckedAddress> {
    const checked = await checkDestination(this.policy, namespace, host, port, this.lookup);
    if (checked.outcome === 'allowed')
      return { host: checked.host, address: checked.address, family: checked.family, port };
    if (checked.outcome === 'denied')
      throw new EgressDeniedError(checked.host, checked.address, port, checked.rule);
    throw new ConnectorError(ConnectorErrorCode.TargetUnreachable, checked.reason, true);
  }

  /** An undici dispatcher whose every new connection is checked, with the client certificate if given. */
  dispatcher(namespace: string, tls?: ClientTlsOptions): Dispatcher {
    const fingerprint =
      tls === undefined ? '' : createHash('sha256').update(JSON.stringify(tls)).digest('base64url');
    const key = `${namespace}\u0000${fingerprint}`;
    const existing = this.dispatchers.get(key);
    if (existing !== undefined) {
      // Re-insert: the map's order is the eviction order.
      this.dispatchers.delete(key);
      this.dispatchers.set(key, existing);
      return existing;
    }
    const base = buildConnector({ timeout: this.connectTimeoutMs, ...tlsConnectOptions(tls) });
    const connect: buildConnector.connector = (options, callback) => {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      this.resolve(namespace, options.hostname, port).then(
        // `host` (name and port) is kept, so TLS still verifies the certificate for the name asked for.
        (checked) => base({ ...options, hostname: checked.address }, callback),
        (error: Error) => callback(error, null),
      );
    };
    const agent = new Agent({ connect, keepAliveTimeout: 10_000 });
    this.dispatchers.set(key, agent);
    if (this.dispatchers.size > MAX_DISPATCHERS) {
      const [oldestKey, oldest] = this.dispatchers.entries().next().value as [string, Agent];
      this.dispatchers.delete(oldestKey);
      void oldest.close();
    }
    return agent;
  }

  async close(): Promise<void> {
    const agents = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }
}
