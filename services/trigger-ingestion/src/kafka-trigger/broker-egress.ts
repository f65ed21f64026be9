import { checkDestination, systemLookup, type EgressPolicy, type HostLookup } from '@patchbay/egress';

/**
 * A broker of a Kafka trigger's connection may not be reached: the egress rules refuse it (`EgressDenied`) or it
 * has no address (`BrokerUnresolvable`). Not retryable until the rules or the connection change.
 */
export class KafkaBrokerEgressError extends Error {
  constructor(
    readonly code: 'EgressDenied' | 'BrokerUnresolvable',
    message: string,
  ) {
    super(message);
  }
}

/** `host:port` or `[ipv6]:port` of a broker list entry; `undefined` when it is neither. */
export function brokerAddress(broker: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(broker.trim());
  if (match === null) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65_535 ? { host: match[1]!, port } : undefined;
}

/**
 * The platform's egress rules (the same `PATCHBAY_EGRESS_*` settings and policy connector-runtime applies to
 * connector operations), applied to the brokers of the user's Kafka: the bootstrap list is checked before a
 * consumer is made, and every socket the client opens later (brokers named by the cluster metadata) connects
 * only to an address the rules allowed. The rules see the workflow's namespace.
 */
export class BrokerEgress {
  constructor(
    private readonly policy: EgressPolicy,
    private readonly lookup: HostLookup = systemLookup,
  ) {}

  /** The address to connect to for `host:port`, or a KafkaBrokerEgressError that names the rule. */
  async check(namespace: string, host: string, port: number): Promise<{ address: string }> {
    const checked = await checkDestination(this.policy, namespace, host, port, this.lookup);
    if (checked.outcome === 'allowed') return checked;
    if (checked.outcome === 'unresolvable')
      throw new KafkaBrokerEgressError(
        'BrokerUnresolvable',
        `Kafka broker ${host}:${port}: ${checked.reason}`,
      );
    throw new KafkaBrokerEgressError(
      'EgressDenied',
      `Kafka broker ${host}:${port} (address ${checked.address}) is refused by egress rule '${checked.rule}'` +
        ' (allow it with PATCHBAY_EGRESS_ALLOW or PATCHBAY_EGRESS_RULES)',
    );
  }

  /** Checks every broker of a bootstrap list; the first refused one throws. */
  async checkAll(namespace: string, brokers: readonly string[]): Promise<void> {
    for (const broker of brokers) {
      const at = brokerAddress(broker);
      if (at === undefined)
        throw new KafkaBrokerEgressError('BrokerUnresolvable', `Kafka broker '${broker}' is not host:port`);
      await this.check(namespace, at.host, at.port);
    }
  }
}
