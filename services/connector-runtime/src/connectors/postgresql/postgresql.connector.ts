import {
  ConnectorError,
  ConnectorErrorCode,
  defineAction,
  defineConnector,
  definePollingTrigger,
  type ConnectorDeclaration,
  type JsonSchema,
} from '@patchbay/connector-sdk';
import { bindNamedParameters } from './postgres-named-parameters.js';
import { qualifiedTable, quoteIdentifier, whereEquals, withPostgres } from './postgres-session.js';

const identifier: JsonSchema = { type: 'string', minLength: 1, maxLength: 63 };
const tableInputs = { schema: identifier, table: identifier };
const row: JsonSchema = { type: 'object', minProperties: 1 };

interface TableInputs {
  schema?: string;
  table: string;
}
interface QueryInputs {
  query: string;
  queryParameters?: Record<string, unknown> | unknown[];
}
interface GetRowsInputs extends TableInputs {
  filter?: Record<string, unknown>;
  orderBy?: string;
  top: number;
}
interface InsertInputs extends TableInputs {
  row: Record<string, unknown>;
}
interface UpdateInputs extends TableInputs {
  filter: Record<string, unknown>;
  set: Record<string, unknown>;
}
interface DeleteInputs extends TableInputs {
  filter: Record<string, unknown>;
}
interface PollInputs extends TableInputs {
  modifiedColumn: string;
  keyColumn: string;
  top: number;
  startFrom: 'now' | 'beginning';
}
type RowCursor = { modified: string; key: string } | { empty: true };

const CURSOR_MODIFIED = '__patchbay_cursor_modified';
const CURSOR_KEY = '__patchbay_cursor_key';

function withoutCursorColumns(rowValue: Record<string, unknown>): Record<string, unknown> {
  const { [CURSOR_MODIFIED]: _m, [CURSOR_KEY]: _k, ...rest } = rowValue;
  return rest;
}

/**
 * Built-in PostgreSQL connector (`ServiceProvider` id `/serviceProviders/postgresql`, operation ids in the style
 * of Logic Apps' SQL built-in): parameterised queries, row CRUD by equality filter, and a polling trigger on a
 * (modified, key) cursor. Values always travel as parameters; identifiers are quoted.
 */
export function postgresqlConnector(timeoutMs: number): ConnectorDeclaration {
  return defineConnector({
    id: 'postgresql',
    version: '1.0.0',
    kind: 'builtin',
    display: {
      name: 'PostgreSQL',
      description: 'Query and change rows in PostgreSQL.',
      category: 'Database',
    },
    serviceProviderId: '/serviceProviders/postgresql',
    connection: 'required',
    connectionParameters: [
      { name: 'host', type: 'string', secret: false, required: true, displayName: 'Host' },
      { name: 'port', type: 'int', secret: false, required: false, displayName: 'Port', default: 5432 },
      { name: 'database', type: 'string', secret: false, required: true, displayName: 'Database' },
      {
        name: 'user',
        type: 'string',
        secret: false,
        required: true,
        displayName: 'User',
        forAuthTypes: ['basic'],
      },
      {
        name: 'password',
        type: 'string',
        secret: true,
        required: true,
        displayName: 'Password',
        forAuthTypes: ['basic'],
      },
      { name: 'ssl', type: 'bool', secret: false, required: false, displayName: 'Use TLS', default: false },
    ],
    authTypes: [
      { type: 'basic', displayName: 'User and password' },
      // connection-store asks Vault's database secrets engine for a short-lived user at resolve time and
      // hands it over as `user` + secret `password`, like a stored one.
      { type: 'workloadIdentity', source: 'vaultDatabase', displayName: 'Vault dynamic credential' },
    ],
    timeoutMs,
    async testConnection(context) {
      await withPostgres(context, (client) => client.query('select 1'));
    },
    actions: [
      defineAction<QueryInputs, Record<string, unknown>[]>({
        kind: 'action',
        id: 'executeQuery',
        display: {
          summary: 'Execute a query',
          description: 'Parameters as @name (with an object) or $1.. (with an array).',
        },
        inputSchema: {
          type: 'object',
          required: ['query'],
          additionalProperties: false,
          properties: {
            query: { type: 'string', minLength: 1 },
            queryParameters: { type: ['object', 'array'] },
          },
        },
        outputSchema: { type: 'array', items: { type: 'object' } },
        async execute(context, inputs) {
          let sql = inputs.query;
          let values: unknown[] = [];
          if (Array.isArray(inputs.queryParameters)) values = inputs.queryParameters;
          else if (inputs.queryParameters !== undefined) {
            const bound = bindNamedParameters(sql, inputs.queryParameters);
            if (bound.missing.length > 0)
              throw new ConnectorError(
                ConnectorErrorCode.InvalidInputs,
                `/queryParameters has no value for ${bound.missing.map((n) => `@${n}`).join(', ')}`,
                false,
              );
            ({ sql, values } = bound);
          }
          const result = await withPostgres(context, (client) => client.query(sql, values));
          return { body: result.rows as Record<string, unknown>[] };
        },
      }),
      defineAction<GetRowsInputs, Record<string, unknown>[]>({
        kind: 'action',
        id: 'getRows',
        display: { summary: 'Get rows' },
        inputSchema: {
          type: 'object',
          required: ['table'],
          additionalProperties: false,
          properties: {
            ...tableInputs,
            filter: { type: 'object' },
            orderBy: identifier,
            top: { type: 'integer', minimum: 1, maximum: 10_000, default: 1_000 },
          },
        },
        async execute(context, inputs) {
          const where = whereEquals(inputs.filter ?? {}, 0);
          const order = inputs.orderBy === undefined ? '' : ` ORDER BY ${quoteIdentifier(inputs.orderBy)}`;
          const sql = `SELECT * FROM ${qualifiedTable(inputs.schema, inputs.table)}${where.sql}${order} LIMIT ${inputs.top}`;
          const result = await withPostgres(context, (client) => client.query(sql, where.values));
          return { body: result.rows as Record<string, unknown>[] };
        },
      }),
      defineAction<InsertInputs, Record<string, unknown>>({
        kind: 'action',
        id: 'insertRow',
        display: { summary: 'Insert a row' },
        inputSchema: {
          type: 'object',
          required: ['table', 'row'],
          additionalProperties: false,
          properties: { ...tableInputs, row },
        },
        async execute(context, inputs) {
          const columns = Object.keys(inputs.row);
          const sql =
            `INSERT INTO ${qualifiedTable(inputs.schema, inputs.table)} (${columns.map(quoteIdentifier).join(', ')}) ` +
            `VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
          const result = await withPostgres(context, (client) =>
            client.query(sql, Object.values(inputs.row)),
          );
          return { body: result.rows[0] as Record<string, unknown> };
        },
      }),
      defineAction<UpdateInputs, { updated: number; rows: Record<string, unknown>[] }>({
        kind: 'action',
        id: 'updateRows',
        display: { summary: 'Update rows', description: 'Rows whose columns equal every value of filter.' },
        inputSchema: {
          type: 'object',
          required: ['table', 'filter', 'set'],
          additionalProperties: false,
          properties: { ...tableInputs, filter: row, set: row },
        },
        async execute(context, inputs) {
          const columns = Object.keys(inputs.set);
          const where = whereEquals(inputs.filter, columns.length);
          const sql =
            `UPDATE ${qualifiedTable(inputs.schema, inputs.table)} SET ` +
            `${columns.map((c, i) => `${quoteIdentifier(c)} = $${i + 1}`).join(', ')}${where.sql} RETURNING *`;
          const result = await withPostgres(context, (client) =>
            client.query(sql, [...Object.values(inputs.set), ...where.values]),
          );
          return { body: { updated: result.rowCount ?? 0, rows: result.rows as Record<string, unknown>[] } };
        },
      }),
      defineAction<DeleteInputs, { deleted: number }>({
        kind: 'action',
        id: 'deleteRows',
        display: { summary: 'Delete rows', description: 'Rows whose columns equal every value of filter.' },
        inputSchema: {
          type: 'object',
          required: ['table', 'filter'],
          additionalProperties: false,
          properties: { ...tableInputs, filter: row },
        },
        async execute(context, inputs) {
          const where = whereEquals(inputs.filter, 0);
          const sql = `DELETE FROM ${qualifiedTable(inputs.schema, inputs.table)}${where.sql}`;
          const result = await withPostgres(context, (client) => client.query(sql, where.values));
          return { body: { deleted: result.rowCount ?? 0 } };
        },
      }),
    ],
    triggers: [
      definePollingTrigger<PollInputs, Record<string, unknown>, RowCursor>({
        kind: 'pollingTrigger',
        id: 'whenARowIsInsertedOrModified',
        display: {
          summary: 'When a row is inserted or modified',
          description:
            'Needs a column set on every insert and update (e.g. updated_at) and a unique key column.',
        },
        inputSchema: {
          type: 'object',
          required: ['table', 'modifiedColumn', 'keyColumn'],
          additionalProperties: false,
          properties: {
            ...tableInputs,
            modifiedColumn: identifier,
            keyColumn: identifier,
            top: { type: 'integer', minimum: 1, maximum: 1_000, default: 100 },
            startFrom: { enum: ['now', 'beginning'], default: 'now' },
          },
        },
        async poll(context, inputs, cursor) {
          const table = qualifiedTable(inputs.schema, inputs.table);
          const modified = quoteIdentifier(inputs.modifiedColumn);
          const key = quoteIdentifier(inputs.keyColumn);
          const cursorColumns = `${modified}::text AS "${CURSOR_MODIFIED}", ${key}::text AS "${CURSOR_KEY}"`;
          return withPostgres(context, async (client) => {
            if (cursor === undefined && inputs.startFrom === 'now') {
              // The first poll marks "now": only later changes fire.
              const last = await client.query(
                `SELECT ${cursorColumns} FROM ${table} ORDER BY ${modified} DESC, ${key} DESC LIMIT 1`,
              );
              const top = last.rows[0] as Record<string, string> | undefined;
              return {
                items: [],
                nextCursor:
                  top === undefined
                    ? { empty: true }
                    : { modified: top[CURSOR_MODIFIED]!, key: top[CURSOR_KEY]! },
              };
            }
            const after = cursor === undefined || 'empty' in cursor ? undefined : cursor;
            const where = after === undefined ? '' : ` WHERE (${modified}, ${key}) > ($1, $2)`;
            const result = await client.query(
              `SELECT *, ${cursorColumns} FROM ${table}${where} ORDER BY ${modified}, ${key} LIMIT ${inputs.top}`,
              after === undefined ? [] : [after.modified, after.key],
            );
            const rows = result.rows as Record<string, unknown>[];
            const last = rows.at(-1);
            return {
              items: rows.map(withoutCursorColumns),
              nextCursor:
                last === undefined
                  ? (cursor ?? { empty: true })
                  : { modified: String(last[CURSOR_MODIFIED]), key: String(last[CURSOR_KEY]) },
            };
          });
        },
      }),
    ],
  });
}
