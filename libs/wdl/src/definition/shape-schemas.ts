/**
 * JSON Schemas (draft-07, checked with ajv) for the shapes of definition parts. They describe one level
 * at a time: nested action maps are walked by code, which also checks cross-references. Fields that may
 * hold an expression instead of a literal accept any string that contains `@`.
 */
import type { SchemaObject } from 'ajv';

/** Literal of the given schema, or an expression string that evaluates to one at run time. */
function orExpression(schema: SchemaObject, description: string): SchemaObject {
  return {
    description: `${description} or an expression`,
    anyOf: [schema, { type: 'string', pattern: '@' }],
  };
}

const anyValue: SchemaObject = {};

/** A string equal to one of `values`, ignoring letter case (the service reads these names that way). */
function anyCase(values: string[]): SchemaObject {
  const letters = (word: string): string =>
    [...word]
      .map((c) =>
        /[a-z]/i.test(c)
          ? `[${c.toLowerCase()}${c.toUpperCase()}]`
          : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
  return {
    type: 'string',
    pattern: `^(?:${values.map(letters).join('|')})$`,
    description: `one of ${values.join(', ')} (any case)`,
  };
}
const stringMap: SchemaObject = orExpression({ type: 'object' }, 'object');
const intOrExpression = (description: string): SchemaObject => orExpression({ type: 'integer' }, description);

const retryPolicy: SchemaObject = {
  type: 'object',
  required: ['type'],
  properties: {
    type: anyCase(['default', 'none', 'fixed', 'exponential']),
    count: intOrExpression('integer'),
    interval: { type: 'string' },
    minimumInterval: { type: 'string' },
    maximumInterval: { type: 'string' },
  },
  additionalProperties: false,
};

const runtimeConfiguration: SchemaObject = {
  type: 'object',
  properties: {
    concurrency: {
      type: 'object',
      properties: {
        repetitions: intOrExpression('integer'),
        runs: intOrExpression('integer'),
        maximumWaitingRuns: intOrExpression('integer'),
      },
      additionalProperties: false,
    },
    secureData: {
      type: 'object',
      properties: {
        properties: { type: 'array', items: { type: 'string', enum: ['inputs', 'outputs'] } },
      },
      additionalProperties: false,
    },
    staticResult: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        staticResultOptions: anyCase(['enabled', 'disabled']),
      },
      additionalProperties: false,
    },
    paginationPolicy: { type: 'object', properties: { minimumItemCount: intOrExpression('integer') } },
    contentTransfer: { type: 'object' },
    requestOptions: { type: 'object' },
  },
  additionalProperties: true,
};

/** Properties every action may carry, whatever its type. */
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

const httpInputs: Record<string, SchemaObject> = {
  method: { type: 'string' },
  uri: { type: 'string' },
  headers: stringMap,
  queries: stringMap,
  body: anyValue,
  authentication: orExpression({ type: 'object' }, 'object'),
  retryPolicy,
  cookie: { type: 'string' },
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

const recurrence: SchemaObject = {
  type: 'object',
  required: ['frequency', 'interval'],
  properties: {
    frequency: anyCase(['second', 'minute', 'hour', 'day', 'week', 'month']),
    interval: { type: 'integer', minimum: 1 },
    startTime: { type: 'string' },
    endTime: { type: 'string' },
    timeZone: { type: 'string' },
    schedule: {
      type: 'object',
      properties: {
        hours: { type: 'array', items: { type: ['integer', 'string'] } },
        minutes: { type: 'array', items: { type: ['integer', 'string'] } },
        weekDays: {
          type: 'array',
          items: anyCase(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
        },
        monthDays: { type: 'array', items: { type: 'integer' } },
        monthlyOccurrences: { type: 'array' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const commonTriggerProperties: Record<string, SchemaObject> = {
  type: { type: 'string' },
  kind: { type: 'string' },
  description: { type: 'string', maxLength: 256 },
  metadata: { type: 'object' },
  inputs: anyValue,
  recurrence,
  evaluatedRecurrence: { type: 'object' },
  conditions: {
    type: 'array',
    items: { type: 'object', required: ['expression'], properties: { expression: { type: 'string' } } },
  },
  splitOn: { type: 'string' },
  splitOnConfiguration: { type: 'object' },
  operationOptions: { type: 'string' },
  runtimeConfiguration,
  correlation: { type: 'object' },
  trackedProperties: { type: 'object' },
  outputs: { type: 'object' },
};

function trigger(required: string[], inputs?: SchemaObject): SchemaObject {
  return {
    type: 'object',
    required: ['type', ...required],
    properties: { ...commonTriggerProperties, ...(inputs === undefined ? {} : { inputs }) },
    additionalProperties: false,
  };
}

/** Shape of each supported trigger type, by canonical type name. */
export const TRIGGER_SCHEMAS: Record<string, SchemaObject> = {
  Request: trigger(
    [],
    inputsObject(
      [],
      {
        method: { type: 'string' },
        relativePath: { type: 'string' },
        schema: { type: 'object' },
        triggerAuthenticationType: { type: 'string' },
      },
      true,
    ),
  ),
  Recurrence: trigger(['recurrence']),
  Http: trigger(['inputs', 'recurrence'], inputsObject(['method', 'uri'], httpInputs)),
  HttpWebhook: trigger(
    ['inputs'],
    inputsObject(['subscribe'], { subscribe: { type: 'object' }, unsubscribe: { type: 'object' } }),
  ),
  ApiConnection: trigger(['inputs'], inputsObject(['host'], { host: { type: 'object' } }, true)),
  ApiConnectionWebhook: trigger(['inputs'], inputsObject(['host'], { host: { type: 'object' } }, true)),
  ServiceProvider: trigger(
    ['inputs'],
    inputsObject(
      ['serviceProviderConfiguration'],
      { serviceProviderConfiguration: { type: 'object' } },
      true,
    ),
  ),
};
TRIGGER_SCHEMAS['Manual'] = TRIGGER_SCHEMAS['Request'] as SchemaObject;

/** Top level of a definition (nested maps are checked entry by entry). */
export const DEFINITION_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    contentVersion: { type: 'string' },
    description: { type: 'string' },
    parameters: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['type'],
        properties: {
          type: anyCase([
            'int',
            'float',
            'string',
            'bool',
            'array',
            'object',
            'securestring',
            'secureobject',
          ]),
          defaultValue: anyValue,
          // Standard documents sometimes carry the parameters.json `value` inline.
          value: anyValue,
          allowedValues: { type: 'array' },
          metadata: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
    triggers: { type: 'object', additionalProperties: { type: 'object' } },
    actions: { type: 'object', additionalProperties: { type: 'object' } },
    outputs: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['type', 'value'],
        properties: {
          type: anyCase(['int', 'float', 'string', 'bool', 'array', 'object', 'securestring']),
          value: anyValue,
          metadata: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
    staticResults: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          status: { type: 'string' },
          outputs: { type: 'object' },
          error: anyValue,
          code: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};
