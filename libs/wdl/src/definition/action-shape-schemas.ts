/**
 * Shapes of each supported action type (one level: nested action maps are walked by code, which also
 * checks cross-references).
 */
import type { SchemaObject } from 'ajv';
import {
  anyCase,
  anyValue,
  intOrExpression,
  orExpression,
  retryPolicy,
  runtimeConfiguration,
  stringMap,
} from './schema-building-blocks.js';

const commonActionProperties: Record<string, SchemaObject> = {
  type: { type: 'string' },
  kind: { type: 'string' },
  description: { type: 'string', maxLength: 256 },
  metadata: { type: 'object' },
  runAfter: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  runtimeConfiguration,
  operationOptions: { type: 'string' },
  trackedProperties: { type: 'object' },
  correlation: { type: 'object' },
  limit: {
    type: 'object',
    properties: { count: intOrExpression('integer'), timeout: { type: 'string' } },
    additionalProperties: false,
  },
};

const actionMap: SchemaObject = { type: 'object', additionalProperties: { type: 'object' } };
const actionsBlock: SchemaObject = {
  type: 'object',
  properties: { actions: actionMap },
  additionalProperties: false,
};

function action(required: string[], properties: Record<string, SchemaObject>): SchemaObject {
  return {
    type: 'object',
    required: ['type', ...required],
    properties: { ...commonActionProperties, ...properties },
    additionalProperties: false,
  };
}

function withInputs(inputs: SchemaObject, inputsRequired = true): SchemaObject {
  return action(inputsRequired ? ['inputs'] : [], { inputs });
}

function inputsObject(
  required: string[],
  properties: Record<string, SchemaObject>,
  open = false,
): SchemaObject {
  return { type: 'object', required, properties, additionalProperties: open };
}

const condition: SchemaObject = orExpression({ type: ['object', 'boolean'] }, 'condition object');
const variableName: SchemaObject = { type: 'string', minLength: 1 };

export const httpInputs: Record<string, SchemaObject> = {
  method: { type: 'string' },
  uri: { type: 'string' },
  headers: stringMap,
  queries: stringMap,
  body: anyValue,
  authentication: orExpression({ type: 'object' }, 'object'),
  retryPolicy,
  cookie: { type: 'string' },
  /**
   * Patchbay extension: `host.connection.name` names a connection whose credentials connector-runtime applies
   * (API key, basic, bearer), as ApiConnection actions name theirs. Logic Apps' Http action has no such input.
   */
  host: {
    type: 'object',
    required: ['connection'],
    properties: {
      connection: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
};

/** Shape of each supported action type, by canonical type name. */
export const ACTION_SCHEMAS: Record<string, SchemaObject> = {
  If: action(['expression'], { expression: condition, actions: actionMap, else: actionsBlock }),
  Switch: action(['expression'], {
    expression: anyValue,
    cases: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['case'],
        properties: { case: { type: ['string', 'number', 'boolean'] }, actions: actionMap },
        additionalProperties: false,
      },
    },
    default: actionsBlock,
  }),
  Foreach: action(['foreach'], { foreach: orExpression({ type: 'array' }, 'array'), actions: actionMap }),
  Until: action(['expression'], { expression: condition, actions: actionMap }),
  Scope: action([], { actions: actionMap }),
  Compose: action(['inputs'], { inputs: anyValue }),
  ParseJson: withInputs(inputsObject(['content', 'schema'], { content: anyValue, schema: stringMap })),
  Query: withInputs(inputsObject(['from', 'where'], { from: anyValue, where: condition })),
  Select: withInputs(inputsObject(['from', 'select'], { from: anyValue, select: anyValue })),
  Join: withInputs(inputsObject(['from', 'joinWith'], { from: anyValue, joinWith: { type: 'string' } })),
  Table: withInputs(
    inputsObject(['from', 'format'], {
      from: anyValue,
      format: anyCase(['csv', 'html']),
      columns: orExpression(
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['value'],
            properties: { header: { type: 'string' }, value: anyValue },
            additionalProperties: false,
          },
        },
        'array of {header, value}',
      ),
    }),
  ),
  InitializeVariable: withInputs(
    inputsObject(['variables'], {
      variables: {
        type: 'array',
        // The docs show one variable per action; Standard's "Initialize variables" writes several.
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'type'],
          properties: {
            name: variableName,
            type: anyCase(['boolean', 'integer', 'float', 'string', 'object', 'array']),
            value: anyValue,
          },
          additionalProperties: false,
        },
      },
    }),
  ),
  SetVariable: withInputs(inputsObject(['name', 'value'], { name: variableName, value: anyValue })),
  IncrementVariable: withInputs(inputsObject(['name'], { name: variableName, value: anyValue })),
  DecrementVariable: withInputs(inputsObject(['name'], { name: variableName, value: anyValue })),
  AppendToArrayVariable: withInputs(inputsObject(['name', 'value'], { name: variableName, value: anyValue })),
  AppendToStringVariable: withInputs(
    inputsObject(['name', 'value'], { name: variableName, value: anyValue }),
  ),
  Response: action([], {
    inputs: inputsObject([], {
      statusCode: orExpression({ type: 'integer', minimum: 100, maximum: 599 }, 'HTTP status code'),
      headers: stringMap,
      body: anyValue,
      schema: { type: 'object' },
    }),
  }),
  Terminate: withInputs(
    inputsObject(['runStatus'], {
      runStatus: anyCase(['failed', 'cancelled', 'succeeded']),
      runError: orExpression(
        {
          type: 'object',
          properties: { code: anyValue, message: anyValue },
          additionalProperties: false,
        },
        'object {code, message}',
      ),
    }),
  ),
  Wait: withInputs({
    type: 'object',
    properties: {
      interval: {
        type: 'object',
        required: ['count', 'unit'],
        properties: {
          count: intOrExpression('integer'),
          unit: anyCase(['second', 'minute', 'hour', 'day', 'week', 'month']),
        },
        additionalProperties: false,
      },
      until: {
        type: 'object',
        required: ['timestamp'],
        properties: { timestamp: { type: 'string' } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
  }),
  Http: withInputs(inputsObject(['method', 'uri'], httpInputs)),
  HttpWebhook: withInputs(
    inputsObject(['subscribe'], {
      subscribe: inputsObject(['method', 'uri'], httpInputs),
      unsubscribe: { type: 'object' },
    }),
  ),
  ApiConnection: withInputs(
    inputsObject(
      ['host', 'method', 'path'],
      {
        host: { type: 'object', required: ['connection'] },
        method: { type: 'string' },
        path: { type: 'string' },
        queries: stringMap,
        headers: stringMap,
        body: anyValue,
        authentication: orExpression({ type: 'object' }, 'object'),
        retryPolicy,
      },
      true,
    ),
  ),
  ApiConnectionWebhook: withInputs(
    inputsObject(
      ['host', 'path'],
      {
        host: { type: 'object', required: ['connection'] },
        path: { type: 'string' },
        queries: stringMap,
        headers: stringMap,
        body: anyValue,
        retryPolicy,
      },
      true,
    ),
  ),
  ApiManagement: withInputs(inputsObject(['api'], { api: { type: 'object' }, retryPolicy }, true)),
  ServiceProvider: withInputs(
    inputsObject(
      ['serviceProviderConfiguration'],
      {
        parameters: orExpression({ type: 'object' }, 'object'),
        serviceProviderConfiguration: {
          type: 'object',
          required: ['connectionName', 'operationId', 'serviceProviderId'],
          properties: {
            connectionName: { type: 'string' },
            operationId: { type: 'string' },
            serviceProviderId: { type: 'string' },
          },
        },
        retryPolicy,
      },
      true,
    ),
  ),
  Function: withInputs(
    inputsObject(
      ['function'],
      {
        function: { type: 'object' },
        method: { type: 'string' },
        headers: stringMap,
        queries: stringMap,
        body: anyValue,
        retryPolicy,
      },
      true,
    ),
  ),
  Workflow: withInputs(
    inputsObject(
      ['host'],
      {
        host: {
          type: 'object',
          required: ['workflow'],
          properties: { workflow: { type: 'object', required: ['id'] }, triggerName: { type: 'string' } },
        },
        body: anyValue,
        headers: stringMap,
        retryPolicy,
      },
      true,
    ),
  ),
};
