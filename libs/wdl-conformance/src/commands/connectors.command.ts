/**
 * `npm run conformance -- connectors <dir>`: imports every connector of a folder (one sub-folder per connector
 * with `apiDefinition.swagger.json` or `openapi.json`/`.yaml`, and `apiProperties.json` when present) and calls
 * every generated operation against a mock server derived from the definition. Each connector is also
 * registered as a connector-sdk declaration, whose input schemas validate the inputs of every call. One line per connector
 * (imported or not, operations, triggers, round trips, unsupported extensions), the totals, the unsupported
 * extensions with counts, then `N passed, M failed`. A connector passes when it imports and every operation
 * round-trips.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConnectorRegistry, type RegisteredConnector } from '@patchbay/connector-sdk';
import {
  importConnector,
  sampleConnection,
  startMockServer,
  toConnectorDeclaration,
  type ImportedConnector,
} from '@patchbay/openapi-connectors';
import { roundTrip, type RoundTripStats } from './connectors/operation-round-trip.js';

const USAGE = 'Usage: connectors <dir> [--verbose]\n';
const DEFINITION_FILES = ['apiDefinition.swagger.json', 'openapi.json', 'openapi.yaml', 'swagger.json'];

interface Totals {
  imported: number;
  operations: number;
  actions: number;
  polling: number;
  webhook: number;
  single: number;
  batch: number;
  roundTrips: number;
  roundTripFailures: number;
  warnings: number;
  unsupported: Map<string, { count: number; connectors: number }>;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function connectorFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

function describe(connector: ImportedConnector): string {
  const triggers = connector.operations.filter((o) => o.trigger !== undefined);
  const polling = triggers.filter((o) => o.trigger?.type === 'polling').length;
  return `operations ${connector.operations.length} (actions ${connector.operations.length - triggers.length}, triggers ${triggers.length}: polling ${polling}, webhook ${triggers.length - polling})`;
}

export async function connectorsCommand(args: string[]): Promise<number> {
  const verbose = args.includes('--verbose');
  const [dir, ...rest] = args.filter((a) => a !== '--verbose');
  if (dir === undefined || rest.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const totals: Totals = {
    imported: 0,
    operations: 0,
    actions: 0,
    polling: 0,
    webhook: 0,
    single: 0,
    batch: 0,
    roundTrips: 0,
    roundTripFailures: 0,
    warnings: 0,
    unsupported: new Map(),
  };
  const stats: RoundTripStats = { paged: 0, reshapedRequests: 0, reshapedResponses: 0 };
  let pageable = 0;
  let reshaping = 0;
  let passed = 0;
  let failed = 0;
  for (const name of await connectorFolders(dir)) {
    const folder = join(dir, name);
    let definition: string | undefined;
    for (const file of DEFINITION_FILES)
      if (await exists(join(folder, file))) definition ??= join(folder, file);
    if (definition === undefined) continue;
    const properties = join(folder, 'apiProperties.json');
    let connector: ImportedConnector;
    try {
      connector = await importConnector({
        definition,
        ...((await exists(properties)) ? { apiProperties: properties } : {}),
      });
    } catch (error) {
      failed += 1;
      process.stdout.write(`FAIL ${name}: not imported: ${(error as Error).message}\n`);
      continue;
    }
    totals.imported += 1;
    totals.operations += connector.operations.length;
    totals.warnings += connector.warnings.length;
    for (const operation of connector.operations) {
      if (operation.trigger === undefined) totals.actions += 1;
      else {
        totals[operation.trigger.type] += 1;
        totals[operation.trigger.cardinality] += 1;
      }
    }
    const unsupported = connector.extensions.filter((e) => e.handling === 'unsupported');
    for (const extension of unsupported) {
      const entry = totals.unsupported.get(extension.name) ?? { count: 0, connectors: 0 };
      entry.count += extension.count;
      entry.connectors += 1;
      totals.unsupported.set(extension.name, entry);
    }
    let registered: RegisteredConnector;
    try {
      registered = new ConnectorRegistry().register(toConnectorDeclaration(connector));
    } catch (error) {
      failed += 1;
      process.stdout.write(
        `FAIL ${name}: imported, but connector-sdk rejects the declaration: ${(error as Error).message}\n`,
      );
      continue;
    }
    const connection = sampleConnection(connector);
    const mock = await startMockServer({ connector, connection });
    const failures: string[] = [];
    try {
      for (const operation of connector.operations) {
        if (operation.pageable !== undefined) pageable += 1;
        if (operation.bodyTransforms.length > 0) reshaping += 1;
        const problems = await roundTrip(connector, registered, operation, connection, mock, stats);
        totals.roundTrips += 1;
        if (problems.length > 0) {
          totals.roundTripFailures += 1;
          failures.push(`${operation.operationId}: ${problems.slice(0, 3).join('; ')}`);
        }
      }
    } finally {
      await mock.close();
    }
    const ok = failures.length === 0;
    if (ok) passed += 1;
    else failed += 1;
    const extensions = unsupported.map((e) => `${e.name} x${e.count}`).join(', ') || 'none';
    process.stdout.write(
      `${ok ? 'OK  ' : 'FAIL'} ${name}: imported, ${describe(connector)}, round trips ${
        connector.operations.length - failures.length
      }/${connector.operations.length}, warnings ${connector.warnings.length}, unsupported: ${extensions}\n`,
    );
    for (const failure of failures) process.stdout.write(`     ${failure}\n`);
    if (verbose)
      for (const w of connector.warnings) process.stdout.write(`     warning ${w.path}: ${w.message}\n`);
  }
  process.stdout.write(
    `\nimported ${totals.imported}; operations ${totals.operations} (actions ${totals.actions}, triggers ${
      totals.polling + totals.webhook
    }: polling ${totals.polling}, webhook ${totals.webhook}, single ${totals.single}, batch ${totals.batch}); round trips ${
      totals.roundTrips - totals.roundTripFailures
    }/${totals.roundTrips}; warnings ${totals.warnings}\n`,
  );
  process.stdout.write(
    `paged round trips (x-ms-pageable, two pages merged) ${stats.paged} of ${pageable} pageable operations; operations with body policy templates ${reshaping}: request bodies reshaped ${stats.reshapedRequests}, response bodies reshaped ${stats.reshapedResponses}\n`,
  );
  process.stdout.write('unsupported extensions (occurrences, connectors):\n');
  for (const [name, { count, connectors }] of [...totals.unsupported].sort(
    (a, b) => b[1].count - a[1].count,
  )) {
    process.stdout.write(`  ${name}: ${count} in ${connectors}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
