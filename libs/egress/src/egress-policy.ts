import ipaddr from 'ipaddr.js';
import { normalize, parseCidr, type EgressRule } from './egress-rule.js';

/**
 * Denied unless a configured rule allows them (SSRF protection): the machine itself, its link, private
 * networks, and addresses that mean "this host".
 */
export const DEFAULT_DENY_RULES: readonly EgressRule[] = [
  { name: 'default-deny-loopback', effect: 'deny', cidrs: ['127.0.0.0/8', '::1/128'] },
  { name: 'default-deny-unspecified', effect: 'deny', cidrs: ['0.0.0.0/8', '::/128'] },
  { name: 'default-deny-link-local', effect: 'deny', cidrs: ['169.254.0.0/16', 'fe80::/10'] },
  {
    name: 'default-deny-private',
    effect: 'deny',
    cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
  },
];

export interface EgressDestination {
  namespace: string;
  /** The host name asked for (lower case), or the address when the URL had one. */
  host: string;
  /** The address about to be connected to. */
  address: string;
  port: number;
}

export interface EgressDecision {
  allowed: boolean;
  /** The rule that decided, e.g. `default-deny-loopback` or `PATCHBAY_EGRESS_ALLOW=127.0.0.0/8`. */
  rule: string;
}

interface CompiledRule {
  rule: EgressRule;
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

function hostMatches(pattern: string, host: string): boolean {
  const wanted = pattern.toLowerCase();
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1));
  return host === wanted;
}

function matches(compiled: CompiledRule, destination: EgressDestination, address: ipaddr.IPv4 | ipaddr.IPv6) {
  const { rule, ranges } = compiled;
  if (rule.namespaces !== undefined && !rule.namespaces.includes(destination.namespace)) return false;
  if (rule.ports !== undefined && !rule.ports.includes(destination.port)) return false;
  if (rule.hosts !== undefined && !rule.hosts.some((pattern) => hostMatches(pattern, destination.host)))
    return false;
  if (
    ranges.length > 0 &&
    !ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))
  )
    return false;
  return true;
}

/**
 * Decides one destination. Order: configured deny rules, then configured allow rules, then the default
 * denies, then allowed (`default-allow-public`). So an explicit allow (`PATCHBAY_EGRESS_ALLOW=127.0.0.0/8`)
 * opens a default-denied range, and an explicit deny always wins.
 */
export class EgressPolicy {
  private readonly ordered: CompiledRule[];

  constructor(rules: readonly EgressRule[]) {
    const compile = (rule: EgressRule): CompiledRule => ({
      rule,
      ranges: (rule.cidrs ?? []).map((cidr) => {
        const range = parseCidr(cidr);
        if (range === undefined) throw new Error(`egress rule ${rule.name}: '${cidr}' is not a CIDR range`);
        return range;
      }),
    });
    this.ordered = [
      ...rules.filter((r) => r.effect === 'deny').map(compile),
      ...rules.filter((r) => r.effect === 'allow').map(compile),
      ...DEFAULT_DENY_RULES.map(compile),
    ];
  }

  decide(destination: EgressDestination): EgressDecision {
    const address = normalize(ipaddr.parse(destination.address));
    const host = destination.host.toLowerCase();
    for (const compiled of this.ordered) {
      if (matches(compiled, { ...destination, host }, address))
        return { allowed: compiled.rule.effect === 'allow', rule: compiled.rule.name };
    }
    return { allowed: true, rule: 'default-allow-public' };
  }
}
