/** Shapes of each supported trigger type. */
import type { SchemaObject } from 'ajv';
import { anyCase, anyValue, runtimeConfiguration } from './schema-building-blocks.js';
import { httpInputs } from './action-shape-schemas.js';

function inputsObject(
  required: string[],
  properties: Record<string, SchemaObject>,
  open = false,
): SchemaObject {
  return { type: 'object', required, properties, additionalProperties: open };
}

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
  SlidingWindow: trigger(['recurrence']),
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
