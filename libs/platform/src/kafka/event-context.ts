import type { CloudEvent } from '@patchbay/contracts';

/** What a handler knows about the message it handles, besides the validated data. */
export interface EventContext {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  event: CloudEvent<unknown>;
  /**
   * Tells the group coordinator this consumer is alive. kafkajs heartbeats only between messages, so a
   * handler that may run longer than the session timeout (30 s) calls this every few seconds meanwhile.
   */
  heartbeat?: () => Promise<void>;
}
