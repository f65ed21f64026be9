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
  executeOperation,
  fromApiConnectionInputs,
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

/** Problems of one round trip; empty when it passed. */
export async function roundTrip(
  connector: ImportedConnector,
  registered: RegisteredConnector,
  operation: GeneratedOperation,
  connection: ConnectionValues,
  mock: MockServer,
): Promise<string[]> {
  mock.expect(operation.operationId);
  const before = mock.exchanges.length;
  const apiInputs = toApiConnectionInputs(connector, operation.operationId, sampleInputs(operation));
  let result;
  try {
    const matched = fromApiConnectionInputs(connector, apiInputs);
    if (matched.operation !== operation) {
      return [`${apiInputs.method} ${apiInputs.path} matched ${matched.operation.operationId}`];
    }
    const declared = registered.action(operation.operationId) ?? registered.trigger(operation.operationId);
    if (declared === undefined) return ['the connector-sdk declaration lacks this operation'];
    const inputs = declared.validate(matched.inputs) as OperationInputs;
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
  const problems: string[] = [];
  if (result.statusCode !== exchange.status) {
    problems.push(`status ${result.statusCode}, the mock sent ${exchange.status}`);
  }
  const sent =
    exchange.responseBody === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(exchange.responseBody)) as unknown);
  if (!isDeepStrictEqual(result.body ?? null, sent ?? null)) {
    problems.push('the parsed body differs from what the mock sent');
  }
  const response = successResponse(operation);
  if (response?.schema !== undefined && !response.file && result.body !== undefined) {
    problems.push(
      ...schemaProblems(response.schema, result.body, 'response body').map((p) => `response: ${p}`),
    );
  }
  return problems;
}
