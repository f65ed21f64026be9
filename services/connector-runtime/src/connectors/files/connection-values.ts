import {
  ConnectorError,
  ConnectorErrorCode,
  type OperationContext,
  type ResolvedConnection,
} from '@patchbay/connector-sdk';

/** The connection of a file operation, or a ConnectorError naming what is missing. */
export function requireConnection(context: OperationContext, product: string): ResolvedConnection {
  const connection = context.connection;
  if (connection === undefined)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `the ${product} connector needs a connection`,
      false,
    );
  return connection;
}

export function textParameter(connection: ResolvedConnection, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = connection.parameters[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export function requiredText(connection: ResolvedConnection, product: string, ...names: string[]): string {
  const value = textParameter(connection, ...names);
  if (value === undefined)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `${product} connection '${connection.connectionName}' needs parameter ${names[0]}`,
      false,
    );
  return value;
}

export function portParameter(connection: ResolvedConnection, fallback: number): number {
  const value = Number(connection.parameters['port'] ?? connection.parameters['portNumber'] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `connection '${connection.connectionName}' has port ${String(connection.parameters['port'])}, expected 1-65535`,
      false,
    );
  return value;
}
