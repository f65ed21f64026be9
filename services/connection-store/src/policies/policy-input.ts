import { z } from 'zod';
import {
  CONNECTION_NAME_PATTERN,
  CONNECTOR_ID_PATTERN,
  NAMESPACE_PATTERN,
} from '../connections/connection-input.js';
import { parseOrThrow } from '../validation/field-problems.js';
import { POLICY_MODES, type PolicyMode } from './policy.types.js';

const MAX_CONNECTOR_IDS = 200;

/** The body of `PUT /api/connector-policies/:name` and its dry-run. */
export const policyBody = z.strictObject({
  namespace: z.string().regex(NAMESPACE_PATTERN, { error: 'is not a valid namespace' }).nullable().optional(),
  mode: z.enum(POLICY_MODES, { error: "must be 'deny' or 'allow'" }),
  connectorIds: z
    .array(z.string().regex(CONNECTOR_ID_PATTERN, { error: 'is not a valid connector id' }))
    .min(1, { error: 'must name at least one connector' })
    .max(MAX_CONNECTOR_IDS, { error: `names more than ${MAX_CONNECTOR_IDS} connectors` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'names a connector twice' }),
  description: z.string().max(1000, { error: 'is longer than 1000 characters' }).optional(),
});

/** A validated policy body (`PUT /api/connector-policies/:name` and its dry-run). */
export interface PolicyInput {
  name: string;
  namespace: string | null;
  mode: PolicyMode;
  connectorIds: string[];
  description: string;
}

/** A policy name in a URL path. */
export const policyNameSchema = z
  .string()
  .regex(CONNECTION_NAME_PATTERN, { error: 'is not a valid policy name' });

export function parsePolicyName(name: unknown): string {
  return parseOrThrow(policyNameSchema, name, 'policy name', {
    root: 'params.name',
    expected: { '': '1-80 characters from A-Z a-z 0-9 _ . -, starting with a letter or digit' },
  });
}

export function parsePolicyBody(name: unknown, body: unknown): PolicyInput {
  const policyName = parsePolicyName(name);
  const parsed = parseOrThrow(policyBody, body, 'connector policy', {
    root: 'body',
    expected: {
      namespace: 'a namespace (the policy applies there only), or null/absent for a global policy',
      mode: "'deny' (block the listed connectors) or 'allow' (only the listed connectors)",
      connectorIds: `1-${MAX_CONNECTOR_IDS} distinct connector ids, e.g. ["http"]`,
    },
  });
  return {
    name: policyName,
    namespace: parsed.namespace ?? null,
    mode: parsed.mode,
    connectorIds: [...parsed.connectorIds].sort(),
    description: parsed.description ?? '',
  };
}
