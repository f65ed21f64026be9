/** Shape of the top level of a definition (nested maps are checked entry by entry). */
import type { SchemaObject } from 'ajv';
import { anyCase, anyValue } from './schema-building-blocks.js';

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
