import { z } from 'zod';
import {
  CONNECTION_NAME_PATTERN,
  DEFAULT_NAMESPACE,
  NAMESPACE_PATTERN,
} from '../connections/connection-input.js';
import { parseOrThrow } from '../validation/field-problems.js';

const resolveRequest = z.object({
  connectionName: z.string().regex(CONNECTION_NAME_PATTERN, { error: 'is not a valid connection name' }),
  workflowId: z.uuid({ error: 'is not a UUID' }),
  runId: z.string().min(1, { error: 'is required' }).max(64),
  actionName: z.string().min(1, { error: 'is required' }).max(256),
  namespace: z
    .union([z.literal(''), z.string().regex(NAMESPACE_PATTERN, { error: 'is not a valid namespace' })])
    .optional(),
});

/** A validated ResolveConnection request (proto3 sends '' for unset strings: the namespace defaults then). */
export interface ResolveRequest {
  namespace: string;
  connectionName: string;
  workflowId: string;
  runId: string;
  actionName: string;
}

export function parseResolveRequest(message: unknown): ResolveRequest {
  const parsed = parseOrThrow(resolveRequest, message, 'ResolveConnection request', { root: 'request' });
  return {
    namespace:
      parsed.namespace === undefined || parsed.namespace === '' ? DEFAULT_NAMESPACE : parsed.namespace,
    connectionName: parsed.connectionName,
    workflowId: parsed.workflowId,
    runId: parsed.runId,
    actionName: parsed.actionName,
  };
}
