import type { ConnectorDeclaration } from '@patchbay/connector-sdk';
import {
  importConnector,
  toConnectorDeclaration,
  type ImportedConnector,
} from '@patchbay/openapi-connectors';
import type { OperationSummary } from './persistence/custom-connector.store.js';

/** A custom connector version ready to run: the import (for ApiConnection routing) and its SDK declaration. */
export interface CompiledConnector {
  imported: ImportedConnector;
  declaration: ConnectorDeclaration;
}

export interface CompileInput {
  definition: Record<string, unknown>;
  apiProperties?: Record<string, unknown>;
  connectorId?: string;
  version?: string;
  /** Skip the official-schema check (its findings are only warnings; they were kept at upload). */
  skipSchemaCheck?: boolean;
  /** Largest response body an operation keeps (all pages together when paging): results travel through Kafka. */
  maxResponseBytes?: number;
}

/** The setting the response limit comes from, named in the error of a larger body. */
export const MAX_RESPONSE_BYTES_SETTING = 'PATCHBAY_HTTP_MAX_RESPONSE_BYTES';

/** Imports a definition already held in memory (no file or URL is read) and builds its declaration. */
export async function compileConnector(input: CompileInput): Promise<CompiledConnector> {
  const imported = await importConnector({
    definition: input.definition,
    ...(input.apiProperties === undefined ? {} : { apiProperties: input.apiProperties }),
    ...(input.connectorId === undefined ? {} : { id: input.connectorId }),
    ...(input.skipSchemaCheck === true ? { skipSchemaCheck: true } : {}),
  });
  const declaration = toConnectorDeclaration(imported, {
    ...(input.version === undefined ? {} : { version: input.version }),
    ...(input.maxResponseBytes === undefined
      ? {}
      : { maxResponseBytes: input.maxResponseBytes, maxResponseBytesName: MAX_RESPONSE_BYTES_SETTING }),
  });
  return { imported, declaration };
}

/** What the admin API lists for each operation. */
export function operationSummaries(imported: ImportedConnector): OperationSummary[] {
  return imported.operations.map((o) => ({
    operationId: o.operationId,
    method: o.method.toUpperCase(),
    path: o.path,
    ...(o.summary === '' ? {} : { summary: o.summary }),
    visibility: o.visibility,
    ...(o.trigger === undefined ? {} : { trigger: o.trigger.type }),
  }));
}
