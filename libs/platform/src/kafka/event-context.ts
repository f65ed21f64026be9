import type { CloudEvent } from '@patchbay/contracts';

/** What a handler knows about the message it handles, besides the validated data. */
export interface EventContext {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  event: CloudEvent<unknown>;
}
