export { TestkitError, type TestkitErrorCode } from './errors.js';
export {
  INFRASTRUCTURE_ENV_VARS,
  infrastructureEnv,
  infrastructureFromEnv,
  type Infrastructure,
  type InfrastructureSourceName,
} from './infrastructure.js';
export {
  containerSource,
  envSource,
  localSource,
  resolveInfrastructure,
  resolveInfrastructureFrom,
  type InfrastructureSource,
} from './resolve-infrastructure.js';
export { probeInfrastructure } from './infrastructure-probe.js';
export { CONTAINER_IMAGES } from './container-infrastructure.js';
export { createTopics, startGroupAtEnd, withKafkaAdmin, type TopicSpec } from './kafka-topics.js';
export { readEnvFile } from './env-file.js';
export { findRepoRoot } from './repo-root.js';
export { isolatedDatabase, type IsolatedDatabase } from './isolated-database.js';
export { uniqueName } from './unique-name.js';
export { freePort } from './free-port.js';
export { listenOnLoopback, type LoopbackServer } from './loopback-server.js';
export { topicRecordingKafka, type TopicRecordingKafka } from './topic-recording-kafka.js';
export {
  issueCertificate,
  pkcs12Bundle,
  rsaPrivateKey,
  selfSignedCertificate,
  type CertificateRequest,
  type PemPair,
} from './test-certificates.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export { assertOpenApiDocumentCurrent } from './openapi-document.js';
