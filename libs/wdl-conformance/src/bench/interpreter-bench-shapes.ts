/**
 * Workflow shapes for `npm run bench:interpreter`: what the orchestrator drives most (a Request -> Http ->
 * Response webhook), long chains, wide and long loops. Connector answers are realistic Http outputs.
 */
import type { TriggerResult } from '@patchbay/wdl';

export interface InterpreterBenchShape {
  readonly name: string;
  readonly definition: Record<string, unknown>;
  readonly trigger: TriggerResult;
  /** Runs per round (small shapes run many times so the timing is measurable). */
  readonly runs: number;
}

const request = { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } };

const order = {
  id: 'ord-1042',
  customer: { id: 'c-77', name: 'Ada Lovelace', email: 'ada@example.com', tier: 'gold' },
  lines: Array.from({ length: 5 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i + 1, price: 9.5 * (i + 1) })),
  currency: 'EUR',
  createdAt: '2024-05-01T07:59:12Z',
};

const requestTrigger: TriggerResult = {
  name: 'manual',
  outputs: {
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'orders-service/3.2',
      'x-ms-client-tracking-id': 'order-1042',
      Host: 'patchbay.example.com',
    },
    body: order,
  },
};

/** The answer of every connector call: a small JSON API response. */
export const HTTP_OUTPUTS = {
  statusCode: 200,
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    Date: 'Wed, 01 May 2024 08:00:01 GMT',
    'Content-Length': '164',
    'x-request-id': '3f1c2a9e-8d4b-4f7a-9a51-0c2d5e6f7a81',
  },
  body: {
    customerId: 'c-77',
    creditLimit: 5000,
    available: 4210.5,
    status: 'active',
    checkedAt: '2024-05-01T08:00:01Z',
  },
};

const http = (
  runAfter: Record<string, string[]>,
  uri = "https://crm.example.com/customers/@{triggerBody()?['customer']?['id']}/credit",
) => ({
  type: 'Http',
  inputs: {
    method: 'GET',
    uri,
    headers: { Accept: 'application/json', 'x-order': "@{triggerBody()?['id']}" },
  },
  runAfter,
});

const sample = {
  triggers: request,
  actions: {
    Check_credit: http({}),
    Response: {
      type: 'Response',
      kind: 'Http',
      inputs: {
        statusCode: 200,
        body: { order: "@triggerBody()?['id']", available: "@body('Check_credit')?['available']" },
      },
      runAfter: { Check_credit: ['Succeeded'] },
    },
  },
};

function chain(length: number): Record<string, unknown> {
  const actions: Record<string, unknown> = {};
  for (let i = 0; i < length; i++)
    actions[`Call_${i}`] = http(i === 0 ? {} : { [`Call_${i - 1}`]: ['Succeeded'] });
  return { triggers: request, actions };
}

function foreach(items: number, concurrency: number | 'Sequential'): Record<string, unknown> {
  return {
    triggers: request,
    actions: {
      Each: {
        type: 'Foreach',
        foreach: `@range(0, ${items})`,
        ...(concurrency === 'Sequential'
          ? { operationOptions: 'Sequential' }
          : { runtimeConfiguration: { concurrency: { repetitions: concurrency } } }),
        actions: {
          Call: http({}, "https://crm.example.com/items/@{items('Each')}"),
          Keep: { type: 'Compose', inputs: "@body('Call')?['available']", runAfter: { Call: ['Succeeded'] } },
        },
        runAfter: {},
      },
    },
  };
}

function until(passes: number): Record<string, unknown> {
  return {
    triggers: request,
    actions: {
      Init: {
        type: 'InitializeVariable',
        inputs: { variables: [{ name: 'n', type: 'integer', value: 0 }] },
        runAfter: {},
      },
      Poll: {
        type: 'Until',
        expression: `@greaterOrEquals(variables('n'), ${passes})`,
        limit: { count: 5000, timeout: 'PT1H' },
        actions: {
          Call: http({}, 'https://jobs.example.com/status'),
          Count: {
            type: 'IncrementVariable',
            inputs: { name: 'n', value: 1 },
            runAfter: { Call: ['Succeeded'] },
          },
        },
        runAfter: { Init: ['Succeeded'] },
      },
    },
  };
}

export const SAMPLE_SHAPE: InterpreterBenchShape = {
  name: 'request-http-response',
  definition: sample,
  trigger: requestTrigger,
  runs: 2000,
};

export const INTERPRETER_BENCH_SHAPES: readonly InterpreterBenchShape[] = [
  SAMPLE_SHAPE,
  { name: 'chain-50-http', definition: chain(50), trigger: requestTrigger, runs: 40 },
  { name: 'foreach-100x20-http', definition: foreach(100, 20), trigger: requestTrigger, runs: 20 },
  { name: 'foreach-1000x20-http', definition: foreach(1000, 20), trigger: requestTrigger, runs: 2 },
  {
    name: 'foreach-1000-seq-http',
    definition: foreach(1000, 'Sequential'),
    trigger: requestTrigger,
    runs: 2,
  },
  { name: 'until-300-http', definition: until(300), trigger: requestTrigger, runs: 2 },
];
