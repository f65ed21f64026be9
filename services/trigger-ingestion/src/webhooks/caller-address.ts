import ipaddr from 'ipaddr.js';
import { normalize, parseCidr } from '@patchbay/egress';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An address range as Logic Apps writes it: CIDR (`10.0.0.0/24`) or one address (`203.0.113.9`). */
export function parseRange(text: string): Range {
  const trimmed = text.trim();
  const range = parseCidr(trimmed);
  if (range === undefined) throw new Error(`'${trimmed}' is not an IP address or CIDR range`);
  return range;
}

/** Whether `address` lies in one of `ranges`. */
export function inRanges(address: string, ranges: readonly Range[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = normalize(ipaddr.parse(address));
  return ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits));
}

/**
 * The address of the real caller. `X-Forwarded-For` is believed only hop by hop from the right while the hop it
 * came from is a trusted proxy; with no trusted proxies the socket's peer address is the caller.
 */
export function callerAddress(
  peerAddress: string,
  forwardedFor: string | undefined,
  trustedProxies: readonly Range[],
): string {
  let caller = peerAddress;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  while (hops.length > 0 && inRanges(caller, trustedProxies)) caller = hops.pop()!;
  return caller;
}
