import { createHash } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import {
  ConnectorError,
  ConnectorErrorCode,
  EgressDeniedError,
  type CheckedAddress,
  type ClientTlsOptions,
  type ConnectorNetwork,
} from '@patchbay/connector-sdk';
import type { EgressPolicy } from './egress-policy.js';

export type HostLookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

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
    const bare = host.replace(/^\[(.*)\]$/, '$1');
    let candidates: { address: string; family: number }[];
    if (isIP(bare) !== 0) candidates = [{ address: bare, family: isIP(bare) }];
    else {
      try {
        candidates = await this.lookup(bare);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new ConnectorError(
          ConnectorErrorCode.TargetUnreachable,
          `cannot resolve ${bare}: ${typeof code === 'string' ? code : 'lookup failed'}`,
          true,
          { cause: error },
        );
      }
    }
    let firstDenied: { address: string; rule: string } | undefined;
    for (const candidate of candidates) {
      const decision = this.policy.decide({ namespace, host: bare, address: candidate.address, port });
      if (decision.allowed)
        return { host: bare, address: candidate.address, family: candidate.family === 6 ? 6 : 4, port };
      firstDenied ??= { address: candidate.address, rule: decision.rule };
    }
    if (firstDenied === undefined)
      throw new ConnectorError(ConnectorErrorCode.TargetUnreachable, `${bare} has no address`, true);
    throw new EgressDeniedError(bare, firstDenied.address, port, firstDenied.rule);
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
