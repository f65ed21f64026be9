import pg from 'pg';
import { ConnectorError, ConnectorErrorCode, type OperationContext } from '@patchbay/connector-sdk';

/** SQLSTATE classes worth another attempt: connection problems, serialization failures, deadlocks, shutdown. */
const RETRYABLE_SQLSTATE = /^(08|40001|40P01|53|57P0[123])/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A ConnectorError for what pg threw; never includes the connection's secrets. */
export function postgresFailure(error: unknown, context: OperationContext): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (context.signal.aborted)
    return new ConnectorError(ConnectorErrorCode.TimedOut, 'the PostgreSQL call ran out of time', true);
  if (code === '28P01' || code === '28000') {
    context.credentialsRejected();
    return new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `PostgreSQL refused the credentials (${code})`,
      false,
    );
  }
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return new ConnectorError(
      'PostgresQueryFailed',
      `PostgreSQL error ${code}: ${message}`,
      RETRYABLE_SQLSTATE.test(code),
    );
  if (typeof code === 'string')
    return new ConnectorError(
      ConnectorErrorCode.TargetUnreachable,
      `PostgreSQL is not reachable: ${code}`,
      true,
    );
  return new ConnectorError(ConnectorErrorCode.TargetUnreachable, `PostgreSQL call failed: ${message}`, true);
}

/**
 * Runs `work` with a client connected to the address egress allowed (never the name again: no DNS in
 * between). The statement timeout and the attempt's signal bound it; the client is always closed.
 */
export async function withPostgres<T>(
  context: OperationContext,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const connection = context.connection;
  if (connection === undefined)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      'the PostgreSQL connector needs a connection',
      false,
    );
  const host = text(connection.parameters.host);
  const database = text(connection.parameters.database);
  const user = text(connection.parameters.user);
  if (host === undefined || database === undefined || user === undefined)
    throw new ConnectorError(
      ConnectorErrorCode.ConnectionUnusable,
      `connection '${connection.connectionName}' needs parameters host, database and user`,
      false,
    );
  const port = Number(connection.parameters.port ?? 5432);
  const budget = Math.max(1, Math.floor(context.deadline - Date.now()));
  let client: pg.Client | undefined;
  const abort = () => void client?.end().catch(() => undefined);
  context.signal.addEventListener('abort', abort, { once: true });
  try {
    const checked = await context.network.resolve(host, port);
    client = new pg.Client({
      host: checked.address,
      port,
      database,
      user,
      password: connection.secrets.password,
      ssl: connection.parameters.ssl === true ? { servername: host } : false,
      connectionTimeoutMillis: budget,
      statement_timeout: budget,
      application_name: 'patchbay',
    });
    // A server-side error on an idle client must not become an unhandled 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    return await work(client);
  } catch (error) {
    throw postgresFailure(error, context);
  } finally {
    context.signal.removeEventListener('abort', abort);
    await client?.end().catch(() => undefined);
  }
}

/** `"schema"."table"`, quoted: identifiers never go into SQL unquoted. */
export function qualifiedTable(schema: string | undefined, table: string): string {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return schema === undefined ? quote(table) : `${quote(schema)}.${quote(table)}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `WHERE "a" = $n AND "b" IS NULL ...` for an equality filter, numbering parameters from `offset + 1`. */
export function whereEquals(
  filter: Record<string, unknown>,
  offset: number,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts = Object.entries(filter).map(([column, value]) => {
    if (value === null) return `${quoteIdentifier(column)} IS NULL`;
    values.push(value);
    return `${quoteIdentifier(column)} = $${offset + values.length}`;
  });
  return { sql: parts.length === 0 ? '' : ` WHERE ${parts.join(' AND ')}`, values };
}
