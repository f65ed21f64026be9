/**
 * Building blocks shared by the shape schemas (JSON Schema draft-07, checked with ajv). Fields that may
 * hold an expression instead of a literal accept any string that contains `@`.
 */
import type { SchemaObject } from 'ajv';

export function orExpression(schema: SchemaObject, description: string): SchemaObject {
  return {
    description: `${description} or an expression`,
    anyOf: [schema, { type: 'string', pattern: '@' }],
  };
}

export const anyValue: SchemaObject = {};

/** A string equal to one of `values`, ignoring letter case (the service reads these names that way). */
export function anyCase(values: string[]): SchemaObject {
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
export const stringMap: SchemaObject = orExpression({ type: 'object' }, 'object');
export const intOrExpression = (description: string): SchemaObject =>
  orExpression({ type: 'integer' }, description);

export const retryPolicy: SchemaObject = {
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

export const runtimeConfiguration: SchemaObject = {
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
