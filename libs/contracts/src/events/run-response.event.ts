import { z } from 'zod';
import { headerMap, jsonValue, runId } from './common.schema.js';

/** The answer for a caller waiting on a Request trigger (from a Response action, or 502 when none ran). */
export const runResponseSchema = z.object({
  runId,
  statusCode: z.number().int().min(100).max(599),
  headers: headerMap,
  body: jsonValue.optional(),
});
export type RunResponse = z.infer<typeof runResponseSchema>;
