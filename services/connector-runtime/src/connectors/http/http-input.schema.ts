import type { JsonSchema } from '@patchbay/connector-sdk';

const scalarMap = {
  type: 'object',
  additionalProperties: { type: ['string', 'number', 'boolean'] },
};

/**
 * Inputs of the WDL `Http` action as Logic Apps defines them, checked before any call. Fields this runtime
 * does not use (cookie; retryPolicy is the orchestrator's) are accepted and ignored.
 */
export const httpInputSchema: JsonSchema = {
  type: 'object',
  required: ['method', 'uri'],
  properties: {
    method: { type: 'string', pattern: '^[A-Za-z]+$' },
    uri: { type: 'string', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' },
    headers: scalarMap,
    queries: scalarMap,
    body: {},
    authentication: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
    followRedirects: { type: 'boolean' },
  },
};
