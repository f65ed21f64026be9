import { DEFAULT_NAMESPACE, parseNamespace } from '../connections/connection-input.js';
import type { ConnectionView } from '../connections/connection.types.js';

/** `patchbay.connectionstore.v1.Connection` as proto-loader hands it over (camelCase fields). */
export interface ConnectionMessage {
  id: string;
  namespace: string;
  name: string;
  connectorId: string;
  displayName: string;
  authType: string;
  status: string;
  statusReason: string;
  parametersJson: string;
  linkedWorkflowIds: string[];
  createdAt: string;
  updatedAt: string;
  tags: Record<string, string>;
  secretKeys: string[];
  lastUsedAt: string;
  tokenExpiresAt: string;
  /** '' for the default environment. */
  executionEnvironment: string;
}

export function toMessage(view: ConnectionView): ConnectionMessage {
  return {
    id: view.id,
    namespace: view.namespace,
    name: view.name,
    connectorId: view.connectorId,
    displayName: view.displayName,
    authType: view.authType,
    status: view.status,
    statusReason: view.statusReason ?? '',
    parametersJson: JSON.stringify(view.parameters),
    linkedWorkflowIds: view.linkedWorkflowIds,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    tags: view.tags,
    secretKeys: view.secretKeys,
    lastUsedAt: view.lastUsedAt ?? '',
    tokenExpiresAt: view.tokenExpiresAt ?? '',
    executionEnvironment: view.executionEnvironment ?? '',
  };
}

/** proto3 sends '' for an unset namespace. */
export function namespaceOf(message: { namespace?: unknown }): string {
  return message.namespace === '' || message.namespace === undefined
    ? DEFAULT_NAMESPACE
    : parseNamespace({ namespace: message.namespace });
}
