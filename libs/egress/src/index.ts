export { EgressPolicy, type EgressDecision, type EgressDestination } from './egress-policy.js';
export { normalize, parseCidr, type EgressRule } from './egress-rule.js';
export { egressEnvShape, egressRulesOf } from './egress-config.js';
export {
  checkDestination,
  systemLookup,
  type DestinationCheck,
  type HostLookup,
} from './egress-destination.js';
export { checkedSocketFactory, type SocketRequest } from './checked-socket-factory.js';
