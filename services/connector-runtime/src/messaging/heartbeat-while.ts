import type { Logger } from 'pino';
import type { EventContext } from '@patchbay/platform';

/** kafkajs heartbeats only between messages; an Http call may take far longer than the 10 s session. */
const HEARTBEAT_EVERY_MS = 3_000;

/**
 * Runs `work` while heartbeating the consumer every few seconds, so a long call does not cost the partition (and
 * run the message a second time on another member).
 */
export async function heartbeatWhile<T>(
  context: EventContext,
  logger: Logger,
  work: () => Promise<T>,
): Promise<T> {
  const heartbeat = context.heartbeat;
  if (heartbeat === undefined) return work();
  const timer = setInterval(() => {
    heartbeat().catch((error: unknown) =>
      logger.warn({ err: error }, 'consumer heartbeat failed during a long call'),
    );
  }, HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
