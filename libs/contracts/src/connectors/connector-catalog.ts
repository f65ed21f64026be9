import { z } from 'zod';

/**
 * connector-runtime's catalogue as connection-store reads it over REST: what a connector needs from a
 * connection. `GET /api/connectors/:id/connection?version=<semver range>` answers one version (the highest in
 * the range) of a built-in or custom connector; 404 `CONNECTOR_NOT_FOUND` when there is none.
 */
export const connectionParameterSpecSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['string', 'int', 'bool', 'object', 'array']),
  /** Stored in Vault (a connection's `secrets`), never in Postgres. */
  secret: z.boolean(),
  required: z.boolean(),
  /** A default the connector applies itself: a required parameter with one may be left out. */
  hasDefault: z.boolean(),
  allowedValues: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Only for these connector auth types (`none`, `basic`, `apiKey`, `bearer`, `oauth2`, ...); absent: all. */
  forAuthTypes: z.array(z.string()).optional(),
});
export type ConnectionParameterSpec = z.infer<typeof connectionParameterSpecSchema>;

export const connectorAuthSpecSchema = z.object({
  /** `none`, `basic`, `apiKey`, `bearer`, `oauth2`, `clientCertificate`, `workloadIdentity`. */
  type: z.string().min(1),
  /** oauth2 only: `authorizationCode`, `clientCredentials`, ... */
  flow: z.string().optional(),
  /** workloadIdentity only: where the credential comes from (`vaultDatabase`). */
  source: z.string().optional(),
});
export type ConnectorAuthSpec = z.infer<typeof connectorAuthSpecSchema>;

export const connectorConnectionSpecSchema = z.object({
  connectorId: z.string().min(1),
  version: z.string().min(1),
  /** Every registered version of the connector, ascending. */
  versions: z.array(z.string()),
  kind: z.enum(['builtin', 'custom']),
  connection: z.enum(['required', 'optional', 'none']),
  authTypes: z.array(connectorAuthSpecSchema),
  connectionParameters: z.array(connectionParameterSpecSchema),
  /** Whether the connector declares a connection test (`POST /api/connectors/:id/connection-test` runs it). */
  connectionTest: z.boolean(),
});
export type ConnectorConnectionSpec = z.infer<typeof connectorConnectionSpecSchema>;

/**
 * `POST /api/connectors/:id/connection-test` (connection-store -> connector-runtime): runs the connector's
 * connection test with a resolved connection. The body carries secrets for this one call: never log it.
 */
export const connectionTestRequestSchema = z.object({
  /** Semver range of the connector version (a custom connection's `connectorVersion`); absent: the highest. */
  version: z.string().min(1).optional(),
  namespace: z.string().min(1),
  connection: z.object({
    connectionId: z.string().min(1),
    connectionName: z.string().min(1),
    authType: z.string().min(1),
    parameters: z.record(z.string(), z.unknown()),
    secrets: z.record(z.string(), z.string()),
  }),
});
export type ConnectionTestRequest = z.infer<typeof connectionTestRequestSchema>;

/** The test's outcome. `NotTested`: the connector declares no test (or cannot test this connection). */
export const connectionTestResultSchema = z.object({
  outcome: z.enum(['Succeeded', 'Failed', 'NotTested']),
  connectorId: z.string(),
  version: z.string(),
  /** Failed: the connector's error code (`ConnectionUnusable`, `HttpStatus401`, `TargetUnreachable`, ...). */
  code: z.string().optional(),
  /** Failed / NotTested: why, never a secret value. */
  message: z.string().optional(),
  retryable: z.boolean().optional(),
  durationMs: z.number().int().min(0),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
