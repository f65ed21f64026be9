import type { Dispatcher } from 'undici';

/**
 * The connection an operation runs with, resolved by connector-runtime from connection-store for this
 * workflow. `secrets` are for the call only: never log them, never put them in outputs or errors.
 */
export interface ResolvedConnection {
  connectionId: string;
  connectionName: string;
  connectorId: string;
  /** One of the connector's `AuthType['type']` values. */
  authType: string;
  parameters: Readonly<Record<string, unknown>>;
  secrets: Readonly<Record<string, string>>;
}

/** Structured logger (a pino child bound to run, action and attempt). Never pass secrets to it. */
export interface ConnectorLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** An address egress rules allowed; connect to exactly this address (DNS is not asked again). */
export interface CheckedAddress {
  host: string;
  address: string;
  family: 4 | 6;
  port: number;
}

/** TLS material for a client certificate, taken from the connection's secrets. */
export interface ClientTlsOptions {
  cert?: string;
  key?: string;
  passphrase?: string;
  /** PKCS#12 bundle, base64. */
  pfx?: string;
  /** Extra trusted CA certificates (PEM). */
  ca?: string;
}

/**
 * The only way an operation reaches the network. Both paths apply the namespace's egress rules to the
 * address actually connected to, so a DNS answer that changes between check and connect cannot get past them.
 * A denied destination throws `ConnectorError` with code `EgressDenied`, naming the rule.
 */
export interface ConnectorNetwork {
  /** Resolves `host` and checks every candidate; returns the first allowed address to connect to. */
  resolve(host: string, port: number): Promise<CheckedAddress>;
  /** An undici dispatcher that checks each connection (also after redirects). Do not close it. */
  httpDispatcher(tls?: ClientTlsOptions): Dispatcher;
}

/**
 * What an operation gets from the runtime for one attempt, and nothing more: no config, no other
 * connections, no Kafka.
 */
export interface OperationContext {
  /** Absent when the operation runs without a connection (the `Http` action without `connectionName`). */
  connection?: ResolvedConnection;
  /** Stable across retries of the same action `(run, action, iteration)`; pass it on where the target supports one. */
  idempotencyKey: string;
  /** Aborts when the attempt's time is up. Long calls must listen to it. */
  signal: AbortSignal;
  /** Absolute time the attempt must end by (epoch ms); `signal` fires then. */
  deadline: number;
  logger: ConnectorLogger;
  network: ConnectorNetwork;
  /** The target refused the connection's credentials (401/403, auth failure): the runtime drops its cached copy. */
  credentialsRejected(): void;
  /**
   * The action's `runtimeConfiguration.paginationPolicy`: operations that page (custom connectors with
   * `x-ms-pageable`, the Http action on `value` + `nextLink` answers) collect at least this many items by
   * following next links. Absent: one page, as the target answered.
   */
  pagination?: { minimumItemCount: number };
}
