import { z } from 'zod';
import { isoTime } from './common.schema.js';

/** A message a consumer could not handle, with the reason. The original bytes are kept (base64) for replay. */
export const deadLetterSchema = z.object({
  originalTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  consumerGroup: z.string(),
  reason: z.string(),
  key: z.string().nullable(),
  valueBase64: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  failedAt: isoTime,
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
