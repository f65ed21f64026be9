import { z } from 'zod';
import { isoTime } from './common.schema.js';

/**
 * connection-store -> anyone (connector-runtime drops cached resolutions, operators get alerted): a
 * connection's status changed, e.g. `Unauthenticated` after the OAuth provider refused its refresh token.
 * Never carries a secret.
 */
export const connectionChangedSchema = z.object({
  connectionId: z.uuid(),
  namespace: z.string().min(1),
  name: z.string().min(1),
  connectorId: z.string().min(1),
  status: z.enum(['Connected', 'Unauthenticated', 'Error', 'Deleted']),
  /** Why, e.g. `refresh token rejected by the provider (invalid_grant)`; null when all is well. */
  statusReason: z.string().nullable(),
  changedAt: isoTime,
});
export type ConnectionChanged = z.infer<typeof connectionChangedSchema>;
