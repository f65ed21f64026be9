import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveDynamicSchema, resolveDynamicValues } from '../dynamic/dynamic-lookup.js';
import { DynamicLookupError } from '../errors.js';
import { executeApiConnection, executeOperation, sendWireRequest } from '../execute/operation-executor.js';
import { toApiConnectionInputs } from '../execute/operation-inputs.js';
import { importConnector } from '../import/connector-importer.js';
import type { ImportedConnector } from '../model/imported-connector.js';
import { ticketsApiProperties, ticketsSwagger } from '../test-support/fixtures.js';
import { startMockServer, type MockServer } from './mock-server.js';
import { schemaProblems } from './request-checker.js';
import { sampleConnection, sampleInputs } from './sample-values.js';

let tickets: ImportedConnector;
let mock: MockServer;
const connection = { parameters: { region: 'eu' }, secrets: { api_key: 'key-1' } };

before(async () => {
  tickets = await importConnector({ definition: ticketsSwagger(), apiProperties: ticketsApiProperties() });
  mock = await startMockServer({ connector: tickets, connection });
});
after(() => mock.close());

describe('mock server', () => {
  it('answers every operation called with sampled inputs with a schema-valid body', async () => {
    for (const operation of tickets.operations) {
      mock.expect(operation.operationId);
      const before = mock.exchanges.length;
      const inputs = toApiConnectionInputs(tickets, operation.operationId, sampleInputs(operation));
      const result = await executeApiConnection(tickets, inputs, connection, { originOverride: mock.origin });
      const exchange = mock.exchanges[before];
      assert.deepEqual(exchange?.problems, [], operation.operationId);
      assert.equal(result.statusCode, exchange?.status, operation.operationId);
      const schema = operation.responses.find((r) => r.status === String(exchange?.status))?.schema;
      if (schema !== undefined && !operation.responses[0]?.file) {
        assert.deepEqual(schemaProblems(schema, result.body, 'body'), [], operation.operationId);
      }
    }
    mock.expect(undefined);
  });

  it('reports a malformed request with the reason and answers 400', async () => {
    mock.expect('CreateTicket');
    const result = await sendWireRequest({
      method: 'POST',
      url: `${mock.origin}/api/queues/q/tickets`,
      headers: { 'content-type': 'application/json', 'x-api-key': 'wrong', 'x-region': 'eu' },
      body: Buffer.from('{"priority":"high"}'),
    });
    mock.expect(undefined);
    assert.equal(result.statusCode, 400);
    const problems = mock.exchanges.at(-1)?.problems;
    assert.deepEqual(problems, [
      'API key header X-Api-Key is missing or wrong',
      "body must have required property 'title'",
      'body/priority must be integer,null',
    ]);
  });

  it('samples connection values for every declared and template parameter', () => {
    const values = sampleConnection(tickets);
    assert.equal(values.secrets['api_key'], 'sample-api-key');
    assert.equal(values.parameters['region'], 'eu');
  });
});

describe('dynamic lookups', () => {
  it('resolves x-ms-dynamic-values by calling the connector operation it names', async () => {
    const lookup = tickets.operations.find((o) => o.operationId === 'OnNewTickets')?.parameters[0]
      ?.dynamicValues;
    assert.ok(lookup);
    const calls: string[] = [];
    const values = await resolveDynamicValues(tickets, lookup, {}, async (operationId, inputs) => {
      calls.push(operationId);
      const operation = tickets.operations.find((o) => o.operationId === operationId);
      assert.ok(operation);
      return executeOperation(tickets, operation, inputs, connection, { originOverride: mock.origin });
    });
    assert.deepEqual(calls, ['ListQueues']);
    assert.deepEqual(values, [{ value: 'string', title: 'string' }]);
  });

  it('resolves x-ms-dynamic-schema with entered values passed as the lookup parameters', async () => {
    const seen: unknown[] = [];
    const schema = await resolveDynamicSchema(
      tickets,
      {
        operationId: 'ListTickets',
        parameters: { queue: { parameter: 'queueName' }, top: { value: 3 } },
        valuePath: 'schema',
      },
      { queueName: 'q7' },
      async (operationId, inputs) => {
        seen.push(inputs);
        return { operationId, statusCode: 200, headers: {}, body: { schema: { type: 'object' } } };
      },
    );
    assert.deepEqual(seen, [{ pathParameters: { queue: 'q7' }, queries: { top: 3 } }]);
    assert.deepEqual(schema, { type: 'object' });
    await assert.rejects(
      resolveDynamicSchema(
        tickets,
        { operationId: 'ListQueues', parameters: {}, valuePath: 'x' },
        {},
        async (id) => ({
          operationId: id,
          statusCode: 503,
          headers: {},
        }),
      ),
      (error: unknown) =>
        error instanceof DynamicLookupError && /answered 503/.test(error.message) && error.retryable,
    );
  });
});
