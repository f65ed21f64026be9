import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * One egress rule. A destination matches when every criterion the rule gives matches: the namespace of the
 * workflow, the host name asked for (exact or `*.suffix`), the address actually connected to (CIDR), the port.
 */
export interface EgressRule {
  name: string;
  effect: 'allow' | 'deny';
  namespaces?: string[];
  hosts?: string[];
  cidrs?: string[];
  ports?: number[];
}

const cidr = z.string().refine((value) => parseCidr(value) !== undefined, {
  error: 'is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1/128)',
});
const hostPattern = z
  .string()
  .regex(/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, { error: 'is not a host name or *.suffix pattern' });

/** The shape of `PATCHBAY_EGRESS_RULES` (a JSON array). */
export const egressRulesSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    effect: z.enum(['allow', 'deny']),
    namespaces: z.array(z.string().min(1)).min(1).optional(),
    hosts: z.array(hostPattern).min(1).optional(),
    cidrs: z.array(cidr).min(1).optional(),
    ports: z.array(z.number().int().min(1).max(65_535)).min(1).optional(),
  }),
);

/** `10.0.0.0/8`, `::1/128`, or a bare address (a single-address range). */
export function parseCidr(value: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  try {
    if (value.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(value);
      return [
        normalize(address),
        address.kind() === 'ipv6' && normalize(address).kind() === 'ipv4' ? bits - 96 : bits,
      ];
    }
    const address = normalize(ipaddr.parse(value));
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is the IPv4 address it maps: rules must not be bypassed by spelling. */
export function normalize(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    return (address as ipaddr.IPv6).toIPv4Address();
  return address;
}

/**
 * Rules from the short settings: `PATCHBAY_EGRESS_ALLOW` / `PATCHBAY_EGRESS_DENY`, comma-separated CIDRs,
 * addresses or host patterns, for every namespace and port.
 */
export function shorthandRules(list: string, effect: 'allow' | 'deny', variable: string): EgressRule[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => ({
      name: `${variable}=${entry}`,
      effect,
      ...(parseCidr(entry) === undefined ? { hosts: [entry] } : { cidrs: [entry] }),
    }));
}

/** Checks one shorthand entry; answers the problem or undefined. */
export function shorthandProblem(entry: string): string | undefined {
  if (parseCidr(entry) !== undefined || hostPattern.safeParse(entry).success) return undefined;
  return `'${entry}' is not a CIDR range, an IP address or a host pattern`;
}
