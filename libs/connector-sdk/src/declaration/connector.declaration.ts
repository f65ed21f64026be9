import type { OperationContext } from '../context/operation-context.js';
import type { AuthType, ConnectionParameterDeclaration } from './connection-parameters.declaration.js';
import type { ActionDeclaration, TriggerDeclaration } from './operation.declaration.js';

/** `builtin` connectors ship with connector-runtime; `custom` ones are imported from OpenAPI/Swagger. */
export type ConnectorKind = 'builtin' | 'custom';

export interface ConnectorDisplay {
  name: string;
  description?: string;
  iconUrl?: string;
  /** `#rrggbb`. */
  brandColor?: string;
  category?: string;
}

/**
 * A connector as data: what it needs to connect and what it can do. The runtime validates inputs, resolves
 * the connection, applies egress rules and deadlines; the connector only talks to its service.
 */
export interface ConnectorDeclaration {
  /** Lower-case, stable across versions: `http`, `postgresql`, `sftp`, or a custom connector's id. */
  id: string;
  /** Semantic version; several versions of one id are registered side by side. */
  version: string;
  kind: ConnectorKind;
  display: ConnectorDisplay;
  /**
   * The WDL `ServiceProvider` action binding (`serviceProviderConfiguration.serviceProviderId`), e.g.
   * `/serviceProviders/Sftp`; matched case-insensitively.
   */
  serviceProviderId?: string;
  /** Whether operations need a connection: `optional` for the generic Http action. */
  connection: 'required' | 'optional' | 'none';
  connectionParameters: readonly ConnectionParameterDeclaration[];
  /** Accepted auth types; empty when `connection` is `none`. */
  authTypes: readonly AuthType[];
  actions: readonly ActionDeclaration[];
  triggers: readonly TriggerDeclaration[];
  /** Upper bound of one attempt in ms, before the event's deadline applies. Default: the runtime's. */
  timeoutMs?: number;
  /** Checks the connection works (logs in, lists nothing). Throws `ConnectorError` when it does not. */
  testConnection?(context: OperationContext): Promise<void>;
}

export function defineConnector(declaration: ConnectorDeclaration): ConnectorDeclaration {
  return declaration;
}
