import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { EgressPolicy } from './egress-policy.js';

/** Resolves a host name to every address it has. */
export type HostLookup = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The outcome of checking where a connection to `host:port` would go. */
export type DestinationCheck =
  | { outcome: 'allowed'; host: string; address: string; family: 4 | 6; port: number }
  | { outcome: 'denied'; host: string; address: string; port: number; rule: string }
  | { outcome: 'unresolvable'; host: string; port: number; reason: string };

/**
 * Resolves `host` (a name, an address or a bracketed IPv6 address) and checks each address against the policy:
 * the first allowed one is where the connection must go (connect to that address, not to the name again, so a
 * DNS answer that changes in between cannot slip past). When none is allowed, the first denial names its rule.
 */
export async function checkDestination(
  policy: EgressPolicy,
  namespace: string,
  host: string,
  port: number,
  lookup: HostLookup = systemLookup,
): Promise<DestinationCheck> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  let candidates: { address: string; family: number }[];
  if (isIP(bare) !== 0) candidates = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      candidates = await lookup(bare);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        outcome: 'unresolvable',
        host: bare,
        port,
        reason: `cannot resolve ${bare}: ${typeof code === 'string' ? code : 'lookup failed'}`,
      };
    }
  }
  let firstDenied: { address: string; rule: string } | undefined;
  for (const candidate of candidates) {
    const decision = policy.decide({ namespace, host: bare, address: candidate.address, port });
    if (decision.allowed)
      return {
        outcome: 'allowed',
        host: bare,
        address: candidate.address,
        family: candidate.family === 6 ? 6 : 4,
        port,
      };
    firstDenied ??= { address: candidate.address, rule: decision.rule };
  }
  if (firstDenied === undefined)
    return { outcome: 'unresolvable', host: bare, port, reason: `${bare} has no address` };
  return { outcome: 'denied', host: bare, port, ...firstDenied };
}
