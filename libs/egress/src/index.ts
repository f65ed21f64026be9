export {
  DEFAULT_DENY_RULES,
  EgressPolicy,
  type EgressDecision,
  type EgressDestination,
} from './egress-policy.js';
export {
  egressRulesSchema,
  normalize,
  parseCidr,
  shorthandProblem,
  shorthandRules,
  type EgressRule,
} from './egress-rule.js';
export { egressEnvShape, egressRulesOf } from './egress-config.js';
export {
  checkDestination,
  systemLookup,
  type DestinationCheck,
  type HostLookup,
} from './egress-destination.js';
export { checkedSocketFactory, type SocketRequest } from './checked-socket-factory.js';
