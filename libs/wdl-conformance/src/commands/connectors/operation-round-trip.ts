/**
 * One generated operation against the definition-derived mock server: sample valid inputs from the schemas,
 * write them as WDL ApiConnection inputs, turn them back into the operation's structured inputs, validate
 * those with the registered connector-sdk declaration (as connector-runtime does before any call), call the
 * executor, then check that the mock found the request well formed for this operation and that the executor
 * parsed exactly what the mock answered, valid against the response schema.
 */
import { isDeepStrictEqual } from 'node:util';
import type { RegisteredConnector } from '@patchbay/connector-sdk';
import {
  applyBodyTransforms,
  executeOperation,
  fromApiConnectionInputs,
  MAX_PAGINATION_ITEMS,
  sampleInputs,
  schemaProblems,
  successResponse,
  toApiConnectionInputs,
  type ConnectionValues,
  type GeneratedOperation,
  type ImportedConnector,
  type MockServer,
  type OperationInputs,
} from '@patchbay/openapi-connectors';

/** What the round trips exercised beyond one plain call (counted when it changed something and passed). */
export interface RoundTripStats {
  /** Paged calls that followed a next link and merged two pages. */
  paged: number;
  /** Calls whose request body the request policy templates changed. */
  reshapedRequests: number;
  /** Calls whose response body the response policy templates changed. */
  reshapedResponses: number;
}

/** Problems of one round trip; empty when it passed. */
export async function roundTrip(
  connector: ImportedConnector,
  registered: RegisteredConnector,
  operation: GeneratedOperation,
  connection: ConnectionValues,
  mock: MockServer,
  stats: RoundTripStats = { paged: 0, reshapedRequests: 0, reshapedResponses: 0 },
): Promise<string[]> {
  mock.expect(operation.operationId);
  const before = mock.exchanges.length;
  const apiInputs = toApiConnectionInputs(connector, operation.operationId, sampleInputs(operation));
  let result;
  let inputs: OperationInputs;
  try {
    const matched = fromApiConnectionInputs(connector, apiInputs);
    if (matched.operation !== operation) {
      return [`${apiInputs.method} ${apiInputs.path} matched ${matched.operation.operationId}`];
    }
    const declared = registered.action(operation.operationId) ?? registered.trigger(operation.operationId);
    if (declared === undefined) return ['the connector-sdk declaration lacks this operation'];
    inputs = declared.validate(matched.inputs) as OperationInputs;
    result = await executeOperation(connector, operation, inputs, connection, {
      originOverride: mock.origin,
    });
  } catch (error) {
    return [`executor: ${(error as Error).message}`];
  }
  const lookups = mock.exchanges.slice(before).filter((e) => e.lookupFor !== undefined);
  if (lookups.length !== operation.valueLookups.length) {
    return [
      `${lookups.length} setvaluefromurl lookups sent, the definition has ${operation.valueLookups.length}`,
    ];
  }
  const exchanges = mock.exchanges.slice(before).filter((e) => e.lookupFor === undefined);
  const exchange = exchanges[0];
  if (exchange === undefined) return ['the mock received no request'];
  if (exchanges.length > 1) return [`the executor sent ${exchanges.length} requests`];
  if (exchange.problems.length > 0) return exchange.problems.map((p) => `request: ${p}`);
  const problems: string[] = [...requestPolicyProblems(operation, inputs, exchange.request.body)];
  if (problems.length === 0 && changes(operation, 'request', inputs.body)) stats.reshapedRequests += 1;
  if (result.statusCode !== exchange.status) {
    problems.push(`status ${result.statusCode}, the mock sent ${exchange.status}`);
  }
  const sent =
    exchange.responseBody === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(exchange.responseBody)) as unknown);
  if (isDeepStrictEqual(result.body ?? null, applyBodyTransforms(operation, 'response', sent) ?? null)) {
    if (changes(operation, 'response', sent)) stats.reshapedResponses += 1;
  } else {
    problems.push(
      operation.bodyTransforms.some((b) => b.section === 'response')
        ? 'the parsed body differs from what the mock sent after the response policy templates'
        : 'the parsed body differs from what the mock sent',
    );
  }
  const response = successResponse(operation);
  // With response policy templates the schema describes their output, so the mock's sample of it is not a
  // faithful raw answer; the equality with the templates' result above is the check then.
  const reshaped = operation.bodyTransforms.some((b) => b.section === 'response');
  if (response?.schema !== undefined && !response.file && result.body !== undefined && !reshaped) {
    problems.push(
      ...schemaProblems(response.schema, result.body, 'response body').map((p) => `response: ${p}`),
    );
  }
  if (problems.length === 0 && operation.pageable !== undefined)
    problems.push(...(await pagedRoundTrip(connector, operation, inputs, connection, mock, stats)));
  return problems;
}

function changes(operation: GeneratedOperation, section: 'request' | 'response', body: unknown): boolean {
  return body !== undefined && !isDeepStrictEqual(applyBodyTransforms(operation, section, body), body);
}

/** With request policy templates, the body that arrived must be the templates' result of what was sent. */
function requestPolicyProblems(
  operation: GeneratedOperation,
  inputs: OperationInputs,
  received: Buffer,
): string[] {
  if (!operation.bodyTransforms.some((b) => b.section === 'request') || inputs.body === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(received.toString('utf8')) as unknown;
  } catch {
    return ['request: the body is not JSON'];
  }
  const expected = JSON.parse(
    JSON.stringify(applyBodyTransforms(operation, 'request', inputs.body)),
  ) as unknown;
  return isDeepStrictEqual(parsed, expected)
    ? []
    : ['request: the body is not what the request policy templates make of the inputs'];
}

/**
 * `x-ms-pageable` with pagination on: the mock answers two pages (the first with a next link back to it); the
 * executor must follow the link with GET and the same credential, and answer both pages' items in one array.
 */
async function pagedRoundTrip(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  inputs: OperationInputs,
  connection: ConnectionValues,
  mock: MockServer,
  stats: RoundTripStats,
): Promise<string[]> {
  const pageable = operation.pageable;
  if (pageable === undefined) return [];
  mock.expect(operation.operationId, { pages: 2 });
  const before = mock.exchanges.length;
  let result;
  try {
    result = await executeOperation(connector, operation, inputs, connection, {
      originOverride: mock.origin,
      pagination: { minimumItemCount: MAX_PAGINATION_ITEMS },
    });
  } catch (error) {
    return [`paged: executor: ${(error as Error).message}`];
  }
  const exchanges = mock.exchanges.slice(before).filter((e) => e.lookupFor === undefined);
  const problems = exchanges.flatMap((e) => e.problems.map((p) => `paged: request: ${p}`));
  if (problems.length > 0) return problems;
  const [first, second] = exchanges;
  const firstItems = isRecord(first?.responseBody) ? first.responseBody[pageable.itemName] : undefined;
  if (!Array.isArray(firstItems)) return []; // the sampled answer has no item array: nothing to page
  if (exchanges.length !== 2 || second?.pageOf !== operation.operationId)
    return [`paged: ${exchanges.length} requests, expected the call and one next link`];
  const secondItems = isRecord(second.responseBody) ? second.responseBody[pageable.itemName] : undefined;
  const { [pageable.nextLinkName]: _link, ...rest } = first?.responseBody as Record<string, unknown>;
  const merged = {
    ...rest,
    [pageable.itemName]: [
      ...(firstItems as unknown[]),
      ...(Array.isArray(secondItems) ? (secondItems as unknown[]) : []),
    ],
  };
  const expected = JSON.parse(JSON.stringify(applyBodyTransforms(operation, 'response', merged))) as unknown;
  if (!isDeepStrictEqual(result.body, expected))
    return ["paged: the body is not both pages' items in one array"];
  stats.paged += 1;
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
